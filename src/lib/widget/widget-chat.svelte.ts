/**
 * The widget frame's state: the visitor's socket (namespace /widget), their thread, the agent's
 * typing and read state, the offline email, uploads. Text is kept as text; the view renders it
 * with Svelte's escaping (never as HTML).
 */
import { io, type Socket } from 'socket.io-client';
import { newClientId } from '$lib/client/ids';
import { UPLOAD_MAX_BYTES, UPLOAD_TYPES, WIDGET_NAMESPACE } from '$lib/shared/widget-constants';
import type {
  WidgetClientToServer,
  WidgetIdentity,
  WidgetIncidentBanner,
  WidgetMessage,
  WidgetServerToClient,
  WidgetSession,
  WidgetSurvey,
} from '$lib/shared/widget-events';

export type WidgetItem = WidgetMessage & { pending?: boolean; failed?: boolean };
type Phase = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'error';

const byTime = (a: WidgetItem, b: WidgetItem) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id;
let localId = 0;

export class WidgetChat {
  phase = $state<Phase>('idle');
  /** Why the chat cannot be used (a handshake refusal): origin, identity, unknown widget. */
  fatal = $state<string | null>(null);
  /** A passing problem to announce (rate limit, rejected file). */
  notice = $state<string | null>(null);
  messages = $state.raw<WidgetItem[]>([]);
  agentTyping = $state<string | null>(null);
  agentsOnline = $state(true);
  hasEmail = $state(false);
  /** The address the visitor just gave, to confirm it where they gave it. */
  emailSaved = $state<string | null>(null);
  isOpen = $state(false);
  unread = $state(0);
  uploading = $state<string | null>(null);
  /** The active incident's banner: from the page at first, then live from the socket. */
  incident = $state<WidgetIncidentBanner | null>(null);
  /** The resolved conversation's satisfaction survey, while unanswered. */
  survey = $state<WidgetSurvey | null>(null);
  /** The rating this visitor just gave (the thank-you stays until they write again). */
  rated = $state<number | null>(null);

  #socket: Socket<WidgetServerToClient, WidgetClientToServer> | null = null;
  #identity: WidgetIdentity | null = null;
  #typingSentAt = 0;
  #typingStop: ReturnType<typeof setTimeout> | undefined;
  #agentTypingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly widgetToken: string,
    private readonly hostOrigin: string | null,
    private readonly onUnread: (count: number) => void,
  ) {}

  get #storageKey() {
    return `sb_visitor_${this.widgetToken}`;
  }

  get storedToken(): string | null {
    try {
      return localStorage.getItem(this.#storageKey);
    } catch {
      return null; // storage blocked: the visitor is new on every load
    }
  }

  #store(token: string) {
    try {
      localStorage.setItem(this.#storageKey, token);
    } catch {
      // storage blocked: nothing to keep
    }
  }

  get visitorHasSent() {
    return this.messages.some((m) => m.from === 'visitor' && !m.pending);
  }

  /**
   * The host page's identity (or none). A returning visitor connects at once, so replies that
   * came while they were away show as a badge; a new visitor only once they open the chat.
   */
  identify(identity: WidgetIdentity | null) {
    const changed = JSON.stringify(identity) !== JSON.stringify(this.#identity);
    this.#identity = identity;
    if (this.#socket ? changed : this.storedToken || this.isOpen) this.#connect();
  }

  #connect() {
    this.#socket?.disconnect();
    this.phase = 'connecting';
    const socket: Socket<WidgetServerToClient, WidgetClientToServer> = io(WIDGET_NAMESPACE, {
      transports: ['websocket', 'polling'],
      reconnectionDelayMax: 10_000,
      auth: (cb) =>
        cb({
          widgetToken: this.widgetToken,
          ...(this.storedToken ? { visitorToken: this.storedToken } : {}),
          ...(this.hostOrigin ? { hostOrigin: this.hostOrigin } : {}),
          ...(this.#identity ? { identity: this.#identity } : {}),
        }),
    });
    this.#socket = socket;
    socket.on('session.ready', (s) => this.#ready(s));
    socket.on('message.created', (m) => this.#received(m));
    socket.on('messages.seen', ({ readAt }) => {
      this.messages = this.messages.map((m) => (m.from === 'visitor' && !m.pending && m.createdAt <= readAt ? { ...m, status: 'read' } : m));
    });
    socket.on('agent.typing', ({ name, typing }) => {
      clearTimeout(this.#agentTypingTimer);
      this.agentTyping = typing ? name : null;
      if (typing) this.#agentTypingTimer = setTimeout(() => (this.agentTyping = null), 8_000);
    });
    socket.on('agents.online', ({ online }) => (this.agentsOnline = online));
    socket.on('incident.banner', (banner) => (this.incident = banner));
    socket.on('csat.survey', (survey) => (this.survey = survey));
    socket.on('disconnect', () => {
      if (this.phase === 'ready') this.phase = 'reconnecting';
    });
    socket.on('connect_error', (err) => {
      const code = (err as Error & { data?: { code?: string } }).data?.code;
      if (code === 'unknown_visitor') return;
      if (code && code !== 'rate_limited' && code !== 'internal') {
        this.fatal = code;
        this.phase = 'error';
        socket.disconnect();
      } else if (this.phase === 'ready') this.phase = 'reconnecting';
    });
  }

  #ready(s: WidgetSession) {
    if (s.visitorToken) this.#store(s.visitorToken);
    this.phase = 'ready';
    this.fatal = null;
    this.agentsOnline = s.agentsOnline;
    this.hasEmail = s.hasEmail;
    this.survey = s.survey;
    const pending = this.messages.filter((m) => m.pending || m.failed);
    this.messages = [...s.messages, ...pending.filter((p) => !s.messages.some((m) => m.clientId === p.clientId))].sort(byTime);
    this.unread = s.messages.filter((m) => m.from === 'agent' && m.status !== 'read').length;
    this.#acknowledge();
  }

  #received(m: WidgetMessage) {
    const i = this.messages.findIndex((x) => x.id === m.id || (m.clientId !== null && x.clientId === m.clientId && x.from === m.from));
    if (i >= 0) {
      const copy = this.messages.slice();
      copy[i] = { ...m, status: copy[i]!.status === 'read' ? 'read' : m.status };
      this.messages = copy;
      return;
    }
    this.messages = [...this.messages, m].sort(byTime);
    if (m.from === 'agent') {
      this.agentTyping = null;
      // An agent who replies has read what came before.
      this.messages = this.messages.map((x) => (x.from === 'visitor' && !x.pending && x.createdAt <= m.createdAt ? { ...x, status: 'read' } : x));
      if (!this.#visible()) this.unread += 1;
      this.#acknowledge();
    }
  }

  #visible() {
    return this.isOpen && typeof document !== 'undefined' && document.visibilityState === 'visible';
  }

  /** Reports the newest agent message as delivered, or read when the panel shows it. */
  #acknowledge() {
    const last = this.messages.findLast((m) => m.from === 'agent');
    if (!last || !this.#socket) return;
    const state = this.#visible() ? 'read' : 'delivered';
    if (state === 'read') this.unread = 0;
    this.onUnread(this.unread);
    this.#socket.emit('messages:read', { upToId: last.id, state });
  }

  setOpen(open: boolean) {
    this.isOpen = open;
    if (open && !this.#socket) this.#connect();
    if (open) this.#acknowledge();
  }

  /** The tab came back into view. */
  visibilityChanged() {
    if (this.#visible()) this.#acknowledge();
  }

  async send(text: string) {
    const clean = text.trim();
    if (!clean || !this.#socket) return false;
    const clientId = newClientId();
    const draft: WidgetItem = { id: --localId, clientId, from: 'visitor', text: clean, authorName: null, createdAt: new Date().toISOString(), status: 'sent', attachment: null, pending: true };
    this.messages = [...this.messages, draft];
    // Writing again starts a new conversation: the old survey and its thanks are done.
    this.survey = null;
    this.rated = null;
    this.#stopTyping();
    return this.#deliver(draft);
  }

  async retry(item: WidgetItem) {
    this.messages = this.messages.map((m) => (m === item ? { ...m, failed: false, pending: true } : m));
    return this.#deliver(item);
  }

  async #deliver(draft: WidgetItem) {
    try {
      const ack = await this.#socket!.timeout(15_000).emitWithAck('message:send', { clientId: draft.clientId!, text: draft.text });
      if (ack.ok) {
        this.messages = this.messages.filter((m) => m.clientId !== draft.clientId || m.from !== 'visitor');
        this.#received(ack.data);
        return true;
      }
      this.notice = ack.error.code;
    } catch {
      this.notice = 'timeout';
    }
    this.messages = this.messages.map((m) => (m.clientId === draft.clientId && m.pending ? { ...m, pending: false, failed: true } : m));
    return false;
  }

  typing() {
    const now = Date.now();
    if (now - this.#typingSentAt > 3_000) {
      this.#typingSentAt = now;
      this.#socket?.emit('typing:set', { typing: true });
    }
    clearTimeout(this.#typingStop);
    this.#typingStop = setTimeout(() => this.#stopTyping(), 4_000);
  }

  #stopTyping() {
    clearTimeout(this.#typingStop);
    if (this.#typingSentAt) this.#socket?.emit('typing:set', { typing: false });
    this.#typingSentAt = 0;
  }

  async saveEmail(email: string): Promise<string | null> {
    if (!this.#socket) return 'unavailable';
    try {
      const ack = await this.#socket.timeout(10_000).emitWithAck('email:set', { email });
      if (!ack.ok) return ack.error.code;
      this.hasEmail = true;
      this.emailSaved = email;
      return null;
    } catch {
      return 'timeout';
    }
  }

  /** Checks the file here first (a clear message at once); the server checks again. */
  async upload(file: File) {
    if (file.size > UPLOAD_MAX_BYTES) return void (this.notice = 'file_too_large');
    if (!UPLOAD_TYPES[file.type]) return void (this.notice = 'file_type_not_allowed');
    const token = this.storedToken;
    if (!token) return void (this.notice = 'unavailable');
    const form = new FormData();
    form.set('file', file);
    form.set('clientId', newClientId());
    if (this.#identity) form.set('identity', JSON.stringify(this.#identity));
    this.uploading = file.name;
    try {
      const res = await fetch(`/api/widget/${encodeURIComponent(this.widgetToken)}/uploads`, {
        method: 'POST',
        body: form,
        headers: { 'x-visitor-token': token, ...(this.hostOrigin ? { 'x-widget-host': this.hostOrigin } : {}) },
      });
      const body = (await res.json().catch(() => null)) as WidgetMessage | { error?: { code?: string } } | null;
      if (res.ok && body && 'id' in body) this.#received(body);
      else this.notice = (body && 'error' in body && body.error?.code) || 'upload_failed';
    } catch {
      this.notice = 'upload_failed';
    } finally {
      this.uploading = null;
    }
  }

  /** Answers the survey through the public API (the token is its permission); null or an error code. */
  async rate(rating: number, comment: string): Promise<string | null> {
    const survey = this.survey;
    if (!survey) return 'unavailable';
    try {
      const res = await fetch(`/api/csat/${encodeURIComponent(survey.token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rating, ...(comment.trim() ? { comment } : {}) }),
      });
      // 409: answered already (another tab); either way there is nothing left to ask.
      if (res.ok || res.status === 409) {
        this.rated = rating;
        this.survey = null;
        return null;
      }
      const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
      return body?.error?.code ?? 'failed';
    } catch {
      return 'failed';
    }
  }

  close() {
    this.#socket?.disconnect();
    this.#socket = null;
  }
}
