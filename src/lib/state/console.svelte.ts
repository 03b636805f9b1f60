/**
 * The console's root state, created once by the (app) layout and shared through context:
 * who I am, the realtime connection, and the stores that the events keep live.
 */
import { getContext, setContext } from 'svelte';
import type { z } from 'zod';
import { goto } from '$app/navigation';
import type { EventPayload, LoggedEvent, TypingPayload } from '$lib/shared/schemas/events';
import type { BulkAction, BulkResult } from '$lib/shared/schemas/conversation';
import type { User } from '$lib/shared/schemas/user';
import type { Mention } from '$lib/shared/schemas/collab';
import { api, errorMessage, onUnauthorized } from '$lib/client/api';
import { playChime } from '$lib/client/sound';
import { showAppBadge } from '$lib/client/app-badge';
import * as m from '$lib/paraglide/messages';
import { Realtime } from './realtime.svelte';
import { ConversationListState } from './conversation-list.svelte';
import { CountsState } from './counts.svelte';
import { InboxesState } from './inboxes.svelte';
import { LabelsState } from './labels.svelte';
import { SelectionState } from './selection.svelte';
import { TeamState } from './team.svelte';
import { AppShell } from './app-shell.svelte';
import { OfflineState } from './offline.svelte';
import { PushOptIn } from './push-optin.svelte';
import { Toasts } from './toasts.svelte';
import { IncidentsState } from './incidents.svelte';
import type { ThreadState } from './thread.svelte';
import { escalationToast } from './floor/escalation-toast';
import { MentionsState } from './mentions.svelte';

const KEY = Symbol('console');
/** A bulk action as sent (`add` / `remove` of a label action may be left out). */
export type BulkRequest = z.input<typeof BulkAction>;
type BulkAnswer = z.infer<typeof BulkResult>;
const ROLE_ORDER = ['agent', 'lead', 'supervisor', 'admin'] as const;

export interface ThreadActions {
  reply(): void;
  note(): void;
  resolve(): void;
  assignToMe(): void;
  openAssign(): void;
}

export class ConsoleState {
  user = $state<User>() as User;
  openId = $state<number | null>(null);
  thread = $state.raw<ThreadState | null>(null);
  /** The latest satisfaction rating heard (the side panel shows it when it is the open conversation's). */
  csatRated = $state.raw<EventPayload<'csat.rated'> | null>(null);
  threadActions: ThreadActions | null = null;

  /** Overlays of the smaller layouts and the shortcuts dialog. */
  viewsOpen = $state(false);
  detailsOpen = $state(false);
  helpOpen = $state(false);

  readonly toasts = new Toasts();
  readonly shell = new AppShell();
  readonly push = new PushOptIn();
  readonly counts = new CountsState();
  readonly inboxes = new InboxesState(() => this.offline.ready.then(() => this.offline.cache));
  readonly labels = new LabelsState();
  readonly incidents = new IncidentsState();
  readonly mentions = new MentionsState();
  readonly team: TeamState;
  readonly list: ConversationListState;
  readonly selection: SelectionState;
  readonly realtime: Realtime;
  readonly offline: OfflineState;

  #search: HTMLInputElement | null = null;
  #cleanup: (() => void)[] = [];
  #ending = false;

  constructor(user: User, baselineSeq: number | null) {
    this.user = user;
    this.team = new TeamState((status) => this.realtime.emit('presence:set', { status }));
    this.list = new ConversationListState(
      () => this.user.id,
      () => this.openId,
      () => this.offline.ready.then(() => this.offline.cache),
    );
    this.selection = new SelectionState(() => this.list.items);
    this.offline = new OfflineState(user.id, {
      sent: (item, message) => {
        if (this.thread?.id === item.conversationId) this.thread.applyMessage(message);
      },
      storageAtRisk: () => {
        if (this.shell.shouldWarnStorage()) this.toasts.show({ kind: 'info', title: m.offline_persist_title(), body: m.offline_persist_body() }, 15_000);
      },
    });
    this.realtime = new Realtime(user.id, baselineSeq, {
      onEvent: (e) => this.#onEvent(e),
      onTyping: (p) => this.#onTyping(p),
      onViewers: (p) => this.thread?.applyViewers(p),
      onDisconnected: () => this.thread?.clearViewers(),
      onSessionEnded: (reason) => this.#sessionEnded(reason),
      onConnected: (first) => {
        this.team.announce();
        // Viewing ends with a socket: a new connection says again what is open here.
        this.#announceViewing();
        // Also on the first connect: the page may have been opened with no network.
        void this.offline.flush();
        // Shown from this browser's copy (or not at all) while offline: fetch it fresh.
        if (this.list.staleSince !== null || this.list.error) void this.list.reload();
        if (this.thread && (this.thread.staleSince !== null || this.thread.error)) void this.thread.load();
        if (!first) {
          this.counts.schedule(50);
          // The replay carried the incident facts; the list is asked again in case the log was trimmed.
          void this.incidents.load();
          if (this.openId !== null && document.visibilityState === 'visible') this.markRead(this.openId);
        }
      },
    });
  }

  atLeast(role: (typeof ROLE_ORDER)[number]): boolean {
    return ROLE_ORDER.indexOf(this.user.role) >= ROLE_ORDER.indexOf(role);
  }

  start(): void {
    this.#cleanup.push(onUnauthorized(() => this.#sessionEnded('expired')));
    void this.inboxes.load();
    void this.team.load();
    void this.counts.refresh();
    void this.labels.load();
    void this.mentions.load();
    void this.list.ensureLoaded();
    this.incidents.start();
    this.realtime.start();
    this.offline.start();
    this.team.startIdleWatch();
    this.shell.register();
    this.#cleanup.push(this.shell.followNotificationClicks());
    void this.shell.requestPersistence();
    void this.push.load();
    const onVisible = () => {
      if (document.visibilityState === 'visible' && this.openId !== null && this.list.get(this.openId)?.unread) this.markRead(this.openId);
    };
    document.addEventListener('visibilitychange', onVisible);
    this.#cleanup.push(() => document.removeEventListener('visibilitychange', onVisible));
  }

  stop(): void {
    this.realtime.stop();
    this.offline.stop();
    this.team.dispose();
    this.counts.dispose();
    this.labels.dispose();
    this.incidents.stop();
    this.#cleanup.forEach((f) => f());
    this.#cleanup = [];
  }

  /** The conversation page tells us which thread is on screen (null when it closes). */
  setThread(thread: ThreadState | null, actions: ThreadActions | null = null): void {
    this.thread = thread;
    this.threadActions = actions;
    this.openId = thread?.id ?? null;
    if (!thread) this.detailsOpen = false;
    this.#announceViewing();
    // Opening the conversation is reading what I was mentioned for in it.
    if (thread && this.mentions.hasUnreadIn(thread.id)) void this.mentions.markRead({ conversationId: thread.id });
  }

  /** Tells the other consoles which conversation is open here, and shows who else has it open. */
  #announceViewing(): void {
    const thread = this.thread;
    void this.realtime.viewing(thread?.id ?? null).then((answer) => {
      if (answer && this.thread === thread) thread?.applyViewers(answer);
    });
  }

  /**
   * I am looking at this conversation: its dot and its share of the unread badges go at once,
   * the server stores it (socket, else REST), then the badges are checked against the server.
   */
  markRead(id: number): void {
    const row = this.list.get(id);
    if (row?.unread) this.counts.readLocally(row, this.user.id);
    this.list.setUnread(id, false);
    void this.realtime
      .request('conversation:read', { conversationId: id })
      .then((sent) => (sent === 'undelivered' ? api(`/api/conversations/${id}/read`, { method: 'POST', body: {} }) : null))
      .catch(() => {})
      .finally(() => this.counts.schedule(100));
  }

  /**
   * `POST /api/conversations/bulk` for the selected conversations. The list follows from the
   * realtime events as usual; a toast says how many changed and which could not be, and those
   * stay selected so they can be looked at or tried again.
   */
  async bulk(action: BulkRequest): Promise<void> {
    const rows = this.selection.selected();
    if (!rows.length || this.selection.busy) return;
    const ids = rows.map((r) => r.id);
    this.selection.busy = true;
    try {
      const res = await api<BulkAnswer>('/api/conversations/bulk', { method: 'POST', body: { ids, action } });
      if (!res.failed.length) {
        this.toasts.show({ kind: 'success', title: m.bulk_done({ count: res.updated.length }) }, 3_000);
        this.selection.clear();
        return;
      }
      const name = (id: number) => rows.find((r) => r.id === id)?.contact.name ?? `#${id}`;
      const shown = res.failed.slice(0, 4).map((f) => m.bulk_failure_line({ name: name(f.id), message: f.message }));
      if (res.failed.length > shown.length) shown.push(m.bulk_failure_more({ count: res.failed.length - shown.length }));
      this.toasts.show({
        kind: 'error',
        title: res.updated.length ? m.bulk_partial({ updated: res.updated.length, total: ids.length }) : m.bulk_failed_all(),
        body: shown.join('\n'),
      });
      this.selection.keep(res.failed.map((f) => f.id));
    } catch (err) {
      this.toasts.error(m.bulk_failed_all(), errorMessage(err));
    } finally {
      this.selection.busy = false;
    }
  }

  registerSearch(el: HTMLInputElement | null): void {
    this.#search = el;
  }

  focusSearch(): void {
    this.#search?.focus();
    this.#search?.select();
  }

  /** j / k: the next or previous conversation of the list. */
  async move(delta: 1 | -1): Promise<void> {
    const items = this.list.items;
    if (!items.length) return;
    const at = this.openId === null ? -1 : this.list.indexOf(this.openId);
    let next = at < 0 ? (delta > 0 ? 0 : items.length - 1) : at + delta;
    if (next >= items.length) {
      await this.list.loadMore();
      next = Math.min(next, this.list.items.length - 1);
    }
    if (next < 0) next = 0;
    const target = this.list.items[next];
    if (target && target.id !== this.openId) await goto(`/conversations/${target.id}`, { keepFocus: false, noScroll: true });
  }

  async logout(): Promise<void> {
    this.#ending = true;
    // A shared device must not go on showing my notifications and my unread count.
    await this.push.forgetDevice(true);
    showAppBadge(0);
    try {
      await api('/api/auth/logout', { method: 'POST', body: {} });
    } catch {
      // the cookie is gone or will expire; leave anyway
    }
    this.stop();
    window.location.assign('/login');
  }

  #sessionEnded(_reason: string) {
    if (this.#ending) return;
    this.#ending = true;
    this.stop();
    showAppBadge(0);
    const back = window.location.pathname + window.location.search;
    // Whoever logs in next may be someone else: this browser stops getting my notifications.
    void this.push.forgetDevice(false).finally(() => window.location.assign(`/login?redirectTo=${encodeURIComponent(back)}&ended=1`));
  }

  #onTyping(p: TypingPayload) {
    this.thread?.applyTyping(p);
  }

  #onEvent(e: LoggedEvent) {
    switch (e.type) {
      case 'message.created':
      case 'message.updated': {
        this.thread?.applyMessageEvent(e.payload);
        const msg = e.payload.message;
        if (e.type === 'message.created' && msg.direction === 'incoming' && e.payload.conversationId === this.openId && document.visibilityState === 'visible') {
          this.markRead(e.payload.conversationId);
        }
        break;
      }
      case 'conversation.created':
      case 'conversation.updated': {
        const p = e.payload;
        this.list.applyConversation(p, e.type === 'conversation.created');
        this.inboxes.notice(p.conversation.inboxId);
        this.thread?.applyConversation(p);
        if (p.changes.includes('labels') || (e.type === 'conversation.created' && p.conversation.labels.length)) this.labels.schedule();
        this.counts.schedule();
        this.#maybeNotifyAssignment(p, e.type === 'conversation.created');
        this.incidents.noticeConversation(p, e.type === 'conversation.created');
        break;
      }
      case 'incident.declared':
      case 'incident.updated':
      case 'incident.resolved':
      case 'incident.progress':
        this.incidents.apply(e);
        break;
      case 'conversation.escalated':
        this.toasts.show(escalationToast(e.payload), 10_000);
        if (this.user.settings.sound) playChime();
        break;
      case 'csat.rated':
        this.csatRated = e.payload;
        break;
      case 'presence.updated':
        this.team.setPresence(e.payload.userId, e.payload.status);
        break;
      case 'inbox.updated':
        void this.inboxes.load();
        break;
      case 'draft.updated':
        void this.offline.remoteDraft(e.payload.draft);
        break;
      case 'mention.created':
        this.mentions.added(e.payload.mention, e.payload.unread);
        this.#notifyMention(e.payload.mention);
        break;
      case 'mention.read':
        this.mentions.read(e.payload.ids, e.payload.unread);
        break;
      case 'access.changed':
        void this.mentions.load();
        void this.inboxes.load();
        void this.list.reload();
        void this.team.load();
        this.counts.schedule(50);
        this.labels.schedule(50);
        if (this.thread) void this.thread.load();
        break;
    }
  }

  #notifyMention(mention: Mention) {
    // Already looking at it: the note is on screen, so it is read.
    if (mention.conversationId === this.openId && document.visibilityState === 'visible') {
      void this.mentions.markRead({ ids: [mention.id] });
      return;
    }
    this.toasts.show({
      kind: 'mention',
      title: m.collab_mention_toast_title({ name: mention.author?.name ?? '' }),
      body: mention.excerpt,
      href: `/conversations/${mention.conversationId}`,
      actionLabel: m.action_open(),
    });
    if (this.user.settings.sound) playChime();
  }

  #maybeNotifyAssignment(p: EventPayload<'conversation.updated'>, created: boolean) {
    const c = p.conversation;
    const me = this.user.id;
    if (c.assigneeId !== me || p.actorId === me) return;
    if (!created && !p.changes.includes('assignee') && !p.changes.includes('assigneeId')) return;
    const actor = this.team.name(p.actorId);
    this.toasts.show({
      kind: 'assigned',
      title: m.toast_assigned_title(),
      body: actor ? m.toast_assigned_by({ actor, contact: c.contact.name }) : m.toast_assigned_body({ contact: c.contact.name }),
      href: `/conversations/${c.id}`,
      actionLabel: m.action_open(),
    });
    if (this.user.settings.sound) playChime();
  }
}

export function setConsole(c: ConsoleState): ConsoleState {
  return setContext(KEY, c);
}

export function useConsole(): ConsoleState {
  const c = getContext<ConsoleState | undefined>(KEY);
  if (!c) throw new Error('useConsole() outside the (app) layout');
  return c;
}
