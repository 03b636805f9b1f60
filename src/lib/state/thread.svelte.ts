/**
 * One open conversation: its details, its messages (oldest first, newest last), who is typing,
 * and the optimistic outbox of this tab. A reply is shown at once as `queued` with a
 * client-generated id and replaced by the server's copy (matched by clientId) — never two copies.
 */
import type { ConversationDetail, PatchConversationBody } from '$lib/shared/schemas/conversation';
import type { CreateMessageBody, Message } from '$lib/shared/schemas/message';
import type { EventPayload, TypingPayload } from '$lib/shared/schemas/events';
import type { User } from '$lib/shared/schemas/user';
import { api, ApiError, errorMessage } from '$lib/client/api';
import { newClientId } from '$lib/client/ids';
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
  /** Set when a change (status, assignee, ...) is being saved, for button spinners. */
  saving = $state<string | null>(null);
  /** Bumped whenever a message is appended at the end (the view scrolls if it was at the bottom). */
  appended = $state(0);

  #typingTimer: ReturnType<typeof setInterval> | null = null;
  /** Replies that failed for want of a connection: sent again when it returns. */
  #offline = new Set<string>();
  /** Extra fields of local replies, by clientId, so a retry sends them again. */
  #extras = new Map<string, ReplyExtras>();

  constructor(
    readonly id: number,
    private readonly me: () => User,
    private readonly notify: (message: string) => void,
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
      this.detail = detail;
      const local = this.messages.filter((m) => m.id < 0);
      this.messages = [...page.items, ...local.filter((l) => !page.items.some((m) => m.clientId === l.clientId))];
      this.prevCursor = page.prevCursor;
      this.appended++;
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) this.notFound = true;
      this.error = errorMessage(err);
    } finally {
      this.loading = false;
    }
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
    // The event's summary has a short contact; keep the full one we loaded.
    const { contact: _c, ...rest } = c;
    this.detail = { ...this.detail, ...rest, contact: { ...this.detail.contact, name: c.contact.name, email: c.contact.email } };
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

  /** Shows the message at once (queued), then stores it; a retry reuses the same clientId. */
  async send(text: string, isPrivate: boolean, extras?: ReplyExtras): Promise<void> {
    const body = text.trim();
    if (!body) return;
    const me = this.me();
    const clientId = newClientId();
    const local: Message = {
      id: -++localIds,
      conversationId: this.id,
      direction: 'outgoing',
      private: isPrivate,
      text: body,
      html: null,
      status: 'queued',
      error: null,
      createdAt: new Date().toISOString(),
      author: { type: 'user', id: me.id, name: me.name },
      clientId,
      externalId: null,
      event: null,
      eventData: null,
      attachments: [],
      email: null,
    };
    if (extras && Object.keys(extras).length) this.#extras.set(clientId, extras);
    this.applyMessage(local);
    await this.#post(local);
  }

  async retry(clientId: string): Promise<void> {
    const local = this.messages.find((m) => m.clientId === clientId && m.id < 0);
    if (!local) return;
    this.#replaceLocal(clientId, { status: 'queued', error: null });
    await this.#post(local);
  }

  async #post(local: Message) {
    try {
      const stored = await api<Message>(`/api/conversations/${this.id}/messages`, {
        method: 'POST',
        body: { text: local.text, private: local.private, clientId: local.clientId, ...this.#extras.get(local.clientId!) },
      });
      this.#extras.delete(local.clientId!);
      this.applyMessage(stored);
    } catch (err) {
      const offline = err instanceof ApiError && err.isNetwork;
      if (offline) this.#offline.add(local.clientId!);
      this.#replaceLocal(local.clientId!, { status: 'failed', error: offline ? m.delivery_offline() : errorMessage(err) });
    }
  }

  /** After a reconnect: send again what failed only because the network was gone (same clientId). */
  retryOffline(): void {
    const ids = [...this.#offline];
    this.#offline.clear();
    for (const id of ids) void this.retry(id);
  }

  #replaceLocal(clientId: string, patch: Partial<Message>) {
    this.messages = this.messages.map((m) => (m.clientId === clientId && m.id < 0 ? { ...m, ...patch } : m));
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
    if (this.#typingTimer) clearInterval(this.#typingTimer);
    this.#typingTimer = null;
  }
}
