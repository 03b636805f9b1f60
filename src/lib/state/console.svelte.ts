/**
 * The console's root state, created once by the (app) layout and shared through context:
 * who I am, the realtime connection, and the stores that the events keep live.
 */
import { getContext, setContext } from 'svelte';
import { goto } from '$app/navigation';
import type { EventPayload, LoggedEvent, TypingPayload } from '$lib/shared/schemas/events';
import type { User } from '$lib/shared/schemas/user';
import { api, onUnauthorized } from '$lib/client/api';
import { playChime } from '$lib/client/sound';
import * as m from '$lib/paraglide/messages';
import { Realtime } from './realtime.svelte';
import { ConversationListState } from './conversation-list.svelte';
import { CountsState } from './counts.svelte';
import { InboxesState } from './inboxes.svelte';
import { LabelsState } from './labels.svelte';
import { TeamState } from './team.svelte';
import { Toasts } from './toasts.svelte';
import type { ThreadState } from './thread.svelte';

const KEY = Symbol('console');
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
  threadActions: ThreadActions | null = null;

  /** Overlays of the smaller layouts and the shortcuts dialog. */
  viewsOpen = $state(false);
  detailsOpen = $state(false);
  helpOpen = $state(false);

  readonly toasts = new Toasts();
  readonly counts = new CountsState();
  readonly inboxes = new InboxesState();
  readonly labels = new LabelsState();
  readonly team: TeamState;
  readonly list: ConversationListState;
  readonly realtime: Realtime;

  #search: HTMLInputElement | null = null;
  #cleanup: (() => void)[] = [];
  #ending = false;

  constructor(user: User, baselineSeq: number | null) {
    this.user = user;
    this.team = new TeamState((status) => this.realtime.emit('presence:set', { status }));
    this.list = new ConversationListState(
      () => this.user.id,
      () => this.openId,
    );
    this.realtime = new Realtime(user.id, baselineSeq, {
      onEvent: (e) => this.#onEvent(e),
      onTyping: (p) => this.#onTyping(p),
      onSessionEnded: (reason) => this.#sessionEnded(reason),
      onConnected: (first) => {
        this.team.announce();
        if (!first) {
          this.thread?.retryOffline();
          this.counts.schedule(50);
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
    void this.list.ensureLoaded().then(() => this.labels.learn(this.list.items.flatMap((c) => c.labels)));
    this.realtime.start();
    this.team.startIdleWatch();
    const onVisible = () => {
      if (document.visibilityState === 'visible' && this.openId !== null && this.list.get(this.openId)?.unread) this.markRead(this.openId);
    };
    document.addEventListener('visibilitychange', onVisible);
    this.#cleanup.push(() => document.removeEventListener('visibilitychange', onVisible));
  }

  stop(): void {
    this.realtime.stop();
    this.team.dispose();
    this.counts.dispose();
    this.#cleanup.forEach((f) => f());
    this.#cleanup = [];
  }

  /** The conversation page tells us which thread is on screen (null when it closes). */
  setThread(thread: ThreadState | null, actions: ThreadActions | null = null): void {
    this.thread = thread;
    this.threadActions = actions;
    this.openId = thread?.id ?? null;
    if (!thread) this.detailsOpen = false;
  }

  markRead(id: number): void {
    this.list.setUnread(id, false);
    if (!this.realtime.emit('conversation:read', { conversationId: id })) {
      void api(`/api/conversations/${id}/read`, { method: 'POST', body: {} }).catch(() => {});
    }
    this.counts.schedule(300);
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
    const back = window.location.pathname + window.location.search;
    window.location.assign(`/login?redirectTo=${encodeURIComponent(back)}&ended=1`);
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
        this.thread?.applyConversation(p);
        this.labels.learn(p.conversation.labels);
        this.counts.schedule();
        this.#maybeNotifyAssignment(p, e.type === 'conversation.created');
        break;
      }
      case 'presence.updated':
        this.team.setPresence(e.payload.userId, e.payload.status);
        break;
      case 'inbox.updated':
        void this.inboxes.load();
        break;
      case 'access.changed':
        void this.inboxes.load();
        void this.list.reload();
        void this.team.load();
        this.counts.schedule(50);
        if (this.thread) void this.thread.load();
        break;
    }
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
