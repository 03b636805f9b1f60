/**
 * One open conversation: its details, its messages (oldest first, newest last), who is typing,
 * and the replies of this browser's outbox. A reply is shown at once as `queued` with a
 * client-generated id and replaced by the server's copy (matched by clientId) — never two copies;
 * after a reload, what is still in the outbox comes back as queued or failed.
 */
import type { ConversationDetail, PatchConversationBody } from '$lib/shared/schemas/conversation';
import type { CreateMessageBody, Message } from '$lib/shared/schemas/message';
import type { EventPayload, TypingPayload } from '$lib/shared/schemas/events';
import type { User } from '$lib/shared/schemas/user';
import type { ConversationViewer, ConversationViewers } from '$lib/shared/schemas/collab';
import { api, ApiError, errorMessage } from '$lib/client/api';
import { newClientId } from '$lib/client/ids';
import type { OutboxItem } from '$lib/client/offline/offline-db';
import type { OfflineState } from './offline.svelte';
import * as m from '$lib/paraglide/messages';

type MessageEvent = EventPayload<'message.created'>;
type ConversationEvent = EventPayload<'conversation.updated'>;

export interface TypingUser {
  userId: number;
  name: string;
  until: number;
}

const STATUS_RANK: Record<Message['status'], number> = { received: 0, queued: 1, sent: 2, delivered: 3, read: 4, failed: 2 };

function chronological(a: Message, b: Message): number {
  // Local (not yet stored) messages sort after every stored one, in the order they were sent.
  if ((a.id < 0) !== (b.id < 0)) return a.id < 0 ? 1 : -1;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return Math.abs(a.id) - Math.abs(b.id);
}

let localIds = 0;

/** Channel-specific fields of a reply (email: subject, Cc, attachments), sent as given. */
export type ReplyExtras = Pick<CreateMessageBody, 'subject' | 'cc' | 'attachmentIds'>;

export class ThreadState {
  detail = $state.raw<ConversationDetail | null>(null);
  messages = $state.raw<Message[]>([]);
  prevCursor = $state<string | null>(null);
  loading = $state(true);
  loadingOlder = $state(false);
  error = $state<string | null>(null);
  notFound = $state(false);
  typing = $state.raw<TypingUser[]>([]);
  /** Other agents who have this conversation open (never me, in any of my tabs). */
  viewers = $state.raw<ConversationViewer[]>([]);
  /** Set when a change (status, assignee, ...) is being saved, for button spinners. */
  saving = $state<string | null>(null);
  /** When the thread shown is this browser's saved copy (no network): the time it was saved. */
  staleSince = $state<number | null>(null);
  /** Bumped whenever a message is appended at the end (the view scrolls if it was at the bottom). */
  appended = $state(0);

  #typingTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    readonly id: number,
    private readonly me: () => User,
    private readonly notify: (message: string) => void,
    private readonly offline: OfflineState,
  ) {}

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    this.notFound = false;
    try {
      const [detail, page] = await Promise.all([
        api<ConversationDetail>(`/api/conversations/${this.id}`),
        api<{ items: Message[]; prevCursor: string | null }>(`/api/conversations/${this.id}/messages?limit=50`),
      ]);
      this.#show(detail, page.items, null);
      this.prevCursor = page.prevCursor;
      void this.offline.ready.then(() => this.offline.cache.saveThread(detail, page.items));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) this.notFound = true;
      const cached = err instanceof ApiError && err.isNetwork ? await this.offline.ready.then(() => this.offline.cache.loadThread(this.id)) : undefined;
      if (cached) this.#show(cached.detail, cached.messages, cached.savedAt);
      else this.error = errorMessage(err);
    } finally {
      this.loading = false;
    }
  }

  #show(detail: ConversationDetail, items: Message[], staleSince: number | null) {
    this.detail = detail;
    this.staleSince = staleSince;
    const local = this.messages.filter((m) => m.id < 0);
    this.messages = [...items, ...local.filter((l) => !items.some((m) => m.clientId === l.clientId))];
    this.appended++;
  }

  async loadOlder(): Promise<void> {
    if (!this.prevCursor || this.loadingOlder) return;
    this.loadingOlder = true;
    try {
      const page = await api<{ items: Message[]; prevCursor: string | null }>(
        `/api/conversations/${this.id}/messages?before=${encodeURIComponent(this.prevCursor)}&limit=50`,
      );
      const known = new Set(this.messages.map((m) => m.id));
      this.messages = [...page.items.filter((m) => !known.has(m.id)), ...this.messages];
      this.prevCursor = page.prevCursor;
    } catch (err) {
      this.notify(errorMessage(err));
    } finally {
      this.loadingOlder = false;
    }
  }

  /** Upsert by id, else by clientId (our own optimistic copy); never downgrade a status. */
  applyMessage(m: Message): void {
    if (m.conversationId !== this.id) return;
    const list = this.messages;
    let i = list.findIndex((x) => x.id === m.id);
    if (i < 0 && m.clientId) i = list.findIndex((x) => x.clientId === m.clientId);
    if (i >= 0) {
      const prev = list[i]!;
      const keep = prev.id > 0 && prev.status !== m.status && STATUS_RANK[m.status] < STATUS_RANK[prev.status];
      const next = keep ? { ...m, status: prev.status, error: prev.error } : m;
      const copy = list.slice();
      copy[i] = next;
      if (prev.id < 0) copy.sort(chronological);
      this.messages = copy;
      return;
    }
    const copy = [...list, m].sort(chronological);
    this.messages = copy;
    this.appended++;
    // Whoever sent it stopped typing.
    if (m.author?.type === 'user' && m.author.id !== null) this.typing = this.typing.filter((t) => t.userId !== m.author!.id);
  }

  applyMessageEvent(e: MessageEvent): void {
    this.applyMessage(e.message);
  }

  applyConversation(e: ConversationEvent): void {
    const c = e.conversation;
    if (c.id !== this.id || !this.detail) return;
    // Merged into another contact: identities come only with the full detail.
    if (c.contact.id !== this.detail.contact.id) return void this.load();
    // The event's summary has a short contact; keep the full one we loaded.
    const { contact: _c, ...rest } = c;
    this.detail = { ...this.detail, ...rest, contact: { ...this.detail.contact, name: c.contact.name, email: c.contact.email } };
  }

  /** Offline, who else is here is unknown (the next connect asks again). */
  clearViewers(): void {
    if (this.viewers.length) this.viewers = [];
  }

  applyViewers(p: ConversationViewers): void {
    if (p.conversationId !== this.id) return;
    const me = this.me().id;
    this.viewers = p.viewers.filter((v) => v.userId !== me);
  }

  applyTyping(p: TypingPayload): void {
    if (p.conversationId !== this.id || p.userId === this.me().id) return;
    const others = this.typing.filter((t) => t.userId !== p.userId);
    this.typing = p.typing ? [...others, { userId: p.userId, name: p.name, until: Date.now() + 8_000 }] : others;
    if (this.typing.length && !this.#typingTimer) {
      this.#typingTimer = setInterval(() => {
        const now = Date.now();
        const alive = this.typing.filter((t) => t.until > now);
        if (alive.length !== this.typing.length) this.typing = alive;
        if (!alive.length && this.#typingTimer) {
          clearInterval(this.#typingTimer);
          this.#typingTimer = null;
        }
      }, 1_000);
    }
  }

  /** Shows the reply at once (queued); the outbox keeps it (with its subject, CC and files) until the server has it. */
  async send(text: string, isPrivate: boolean, extras?: ReplyExtras): Promise<void> {
    const body = text.trim();
    if (!body) return;
    const clientId = newClientId();
    this.applyMessage(this.#localCopy(clientId, body, isPrivate, new Date().toISOString()));
    await this.offline.queue(this.id, { text: body, private: isPrivate, clientId, ...extras });
  }

  retry(clientId: string): Promise<void> {
    return this.offline.retry(clientId);
  }

  async discard(clientId: string): Promise<void> {
    await this.offline.discard(clientId);
    this.messages = this.messages.filter((m) => !(m.id < 0 && m.clientId === clientId));
  }

  /**
   * Keeps the queued copies in step with the outbox: after a reload they come back from it; each
   * says whether it waits for the network or was refused (and why).
   */
  syncOutbox(items: OutboxItem[]): void {
    const mine = items.filter((i) => i.conversationId === this.id);
    const ids = new Set(mine.map((i) => i.clientId));
    let next = this.messages.filter((m) => m.id > 0 || !m.clientId || ids.has(m.clientId) || this.messages.some((s) => s.id > 0 && s.clientId === m.clientId));
    for (const item of mine) {
      if (next.some((m) => m.id > 0 && m.clientId === item.clientId)) continue;
      const status = item.state === 'failed' ? 'failed' : 'queued';
      const error = item.state === 'failed' ? item.error : item.attempts > 0 ? m.delivery_offline() : null;
      const i = next.findIndex((m) => m.clientId === item.clientId);
      const local = { ...(i >= 0 ? next[i] : this.#localCopy(item.clientId, item.body.text, item.body.private, new Date(item.createdAt).toISOString())), status, error } satisfies Message;
      next = i >= 0 ? next.with(i, local) : [...next, local];
    }
    this.messages = next.sort(chronological);
  }

  #localCopy(clientId: string, text: string, isPrivate: boolean, createdAt: string): Message {
    const me = this.me();
    return {
      id: -++localIds,
      conversationId: this.id,
      direction: 'outgoing',
      private: isPrivate,
      text,
      html: null,
      status: 'queued',
      error: null,
      createdAt,
      author: { type: 'user', id: me.id, name: me.name },
      clientId,
      externalId: null,
      event: null,
      eventData: null,
      attachments: [],
      email: null,
    };
  }

  async update(body: PatchConversationBody, what: string): Promise<boolean> {
    this.saving = what;
    try {
      const detail = await api<ConversationDetail>(`/api/conversations/${this.id}`, { method: 'PATCH', body });
      this.detail = detail;
      return true;
    } catch (err) {
      this.notify(errorMessage(err));
      return false;
    } finally {
      this.saving = null;
    }
  }

  dispose(): void {
    // Leaving the conversation: keep what is on screen for reading offline.
    const detail = this.detail;
    if (detail && this.staleSince === null) void this.offline.ready.then(() => this.offline.cache.saveThread(detail, this.messages));
    if (this.#typingTimer) clearInterval(this.#typingTimer);
    this.#typingTimer = null;
  }
}
