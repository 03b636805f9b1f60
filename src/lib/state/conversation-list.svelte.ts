/**
 * The conversation list of the current view: a cursor-paged, virtualised window onto
 * `GET /api/conversations`, kept live by conversation events (idempotent upserts by id,
 * re-sorted by last activity). Holds 100k rows as one immutable array (`$state.raw`).
 */
import type { ConversationStatus, Priority } from '$lib/shared/schemas/common';
import type { ConversationSummary } from '$lib/shared/schemas/conversation';
import type { EventPayload } from '$lib/shared/schemas/events';
import { api, ApiError, errorMessage, query } from '$lib/client/api';
import type { ReadCache } from '$lib/client/offline/read-cache';

/** `escalated`: the leads' queue of conversations escalated to them and not yet taken. */
export type ViewKind = 'mine' | 'unassigned' | 'all' | 'inbox' | 'label' | 'escalated';
export type StatusFilter = ConversationStatus | 'any';

export interface ListFilter {
  view: ViewKind;
  inboxId: number | null;
  label: string | null;
  status: StatusFilter;
  priority: Priority | null;
  unread: boolean;
  q: string;
}

export const DEFAULT_FILTER: ListFilter = { view: 'mine', inboxId: null, label: null, status: 'open', priority: null, unread: false, q: '' };

type ConversationEvent = EventPayload<'conversation.updated'>;
const PAGE = 50;
const STORAGE_KEY = 'sb_list_filter';

const VIEWS: ViewKind[] = ['mine', 'unassigned', 'all', 'inbox', 'label', 'escalated'];
const STATUSES: StatusFilter[] = ['open', 'pending', 'snoozed', 'resolved', 'any'];

/** `/inbox?view=…` for a view (the views are links, so a view has a URL too). */
export function filterHref(f: ListFilter): string {
  const p = new URLSearchParams({ view: f.view });
  if (f.view === 'inbox' && f.inboxId !== null) p.set('inbox', String(f.inboxId));
  if (f.view === 'label' && f.label) p.set('label', f.label);
  if (f.status !== 'open') p.set('status', f.status);
  if (f.q) p.set('q', f.q);
  return `/inbox?${p}`;
}

/** The filter a `/inbox?view=…` URL asks for, or null when it names none. */
export function filterFromUrl(sp: URLSearchParams): ListFilter | null {
  const view = sp.get('view') as ViewKind | null;
  if (!view || !VIEWS.includes(view)) return null;
  const inboxId = Number(sp.get('inbox'));
  const status = (sp.get('status') ?? 'open') as StatusFilter;
  return {
    ...DEFAULT_FILTER,
    view: view === 'inbox' && !(inboxId > 0) ? 'all' : view,
    inboxId: view === 'inbox' && inboxId > 0 ? inboxId : null,
    label: view === 'label' ? sp.get('label') : null,
    status: STATUSES.includes(status) ? status : 'open',
    q: sp.get('q') ?? '',
  };
}

export function sameFilter(a: ListFilter, b: ListFilter): boolean {
  return a.view === b.view && a.inboxId === b.inboxId && a.label === b.label && a.status === b.status && a.priority === b.priority && a.unread === b.unread && a.q === b.q;
}

/** Newest activity first; ties by id, as the server sorts. */
function before(a: ConversationSummary, b: ConversationSummary): boolean {
  if (a.lastMessageAt !== b.lastMessageAt) return a.lastMessageAt > b.lastMessageAt;
  return a.id > b.id;
}

export class ConversationListState {
  filter = $state<ListFilter>({ ...DEFAULT_FILTER });
  items = $state.raw<ConversationSummary[]>([]);
  nextCursor = $state<string | null>(null);
  loading = $state(true);
  loadingMore = $state(false);
  error = $state<string | null>(null);
  /** When the list shown is this browser's saved copy (no network): the time it was saved. */
  staleSince = $state<number | null>(null);
  /** Bumped when a new result set replaces the old one (the list scrolls back to the top). */
  generation = $state(0);

  #gen = 0;
  #everLoaded = false;
  #fetchingUnknown = new Set<number>();

  constructor(
    private readonly meId: () => number,
    /** Id of the conversation open in the thread (never marked unread while looked at). */
    private readonly openId: () => number | null,
    /** This browser's saved copies of list views, for reading offline. */
    private readonly cache: () => Promise<ReadCache>,
  ) {
    try {
      const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<ListFilter> | null;
      if (saved && typeof saved === 'object') this.filter = { ...DEFAULT_FILTER, ...saved };
    } catch {
      // keep the default view
    }
  }

  get searching(): boolean {
    return this.filter.q.trim().length > 0;
  }

  setFilter(patch: Partial<ListFilter>): void {
    const next = { ...this.filter, ...patch };
    if (sameFilter(next, this.filter) && !this.error) return;
    this.filter = next;
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // not persisted
    }
    void this.reload();
  }

  #params(cursor: string | null) {
    const f = this.filter;
    return query({
      status: f.status === 'any' ? undefined : f.status,
      assignee: f.view === 'mine' ? 'me' : f.view === 'unassigned' ? 'none' : undefined,
      inboxId: f.view === 'inbox' ? f.inboxId : undefined,
      label: f.view === 'label' ? f.label : undefined,
      escalated: f.view === 'escalated',
      priority: f.priority,
      unread: f.unread,
      q: f.q.trim() || undefined,
      cursor,
      limit: PAGE,
    });
  }

  /** The first load, unless a view change already started one. */
  ensureLoaded(): Promise<void> {
    return this.#everLoaded ? Promise.resolve() : this.reload();
  }

  async reload(): Promise<void> {
    this.#everLoaded = true;
    const gen = ++this.#gen;
    this.loading = true;
    this.error = null;
    const key = this.#params(null);
    try {
      const page = await api<{ items: ConversationSummary[]; nextCursor: string | null }>(`/api/conversations${key}`);
      if (gen !== this.#gen) return;
      this.items = page.items;
      this.nextCursor = page.nextCursor;
      this.staleSince = null;
      this.generation++;
      if (!this.searching) void this.cache().then((c) => c.saveList(key, page.items));
    } catch (err) {
      const saved = err instanceof ApiError && err.isNetwork ? await this.cache().then((c) => c.loadList(key)) : undefined;
      if (gen !== this.#gen) return;
      this.items = saved?.items ?? [];
      this.nextCursor = null;
      this.staleSince = saved?.savedAt ?? null;
      this.error = saved ? null : errorMessage(err);
      if (saved) this.generation++;
    } finally {
      if (gen === this.#gen) this.loading = false;
    }
  }

  async loadMore(): Promise<void> {
    if (this.loading || this.loadingMore || !this.nextCursor) return;
    const gen = this.#gen;
    this.loadingMore = true;
    try {
      const page = await api<{ items: ConversationSummary[]; nextCursor: string | null }>(`/api/conversations${this.#params(this.nextCursor)}`);
      if (gen !== this.#gen) return;
      const known = new Set(this.items.map((c) => c.id));
      this.items = [...this.items, ...page.items.filter((c) => !known.has(c.id))];
      this.nextCursor = page.nextCursor;
    } catch (err) {
      if (gen === this.#gen) this.error = errorMessage(err);
    } finally {
      this.loadingMore = false;
    }
  }

  get(id: number): ConversationSummary | undefined {
    return this.items.find((c) => c.id === id);
  }

  indexOf(id: number): number {
    return this.items.findIndex((c) => c.id === id);
  }

  /** Does a conversation belong in this view? (`q` cannot be judged here: only known rows move.) */
  matches(c: Omit<ConversationSummary, 'unread'>, unread: boolean): boolean {
    const f = this.filter;
    if (f.status !== 'any' && c.status !== f.status) return false;
    if (f.priority && c.priority !== f.priority) return false;
    if (f.unread && !unread) return false;
    switch (f.view) {
      case 'mine':
        if (c.assigneeId !== this.meId()) return false;
        break;
      case 'unassigned':
        if (c.assigneeId !== null) return false;
        break;
      case 'inbox':
        if (c.inboxId !== f.inboxId) return false;
        break;
      case 'label':
        if (!f.label || !c.labels.includes(f.label)) return false;
        break;
      case 'escalated':
        if (!c.escalation) return false;
        break;
    }
    return true;
  }

  /** Applies `conversation.created` / `conversation.updated` (idempotent). */
  applyConversation(event: ConversationEvent, created: boolean): void {
    const c = event.conversation;
    const index = this.indexOf(c.id);
    const prev = index >= 0 ? this.items[index]! : undefined;
    const isOpen = this.openId() === c.id;
    const newIncoming = !!c.lastIncomingAt && (!prev || !prev.lastIncomingAt || c.lastIncomingAt > prev.lastIncomingAt);
    let unread: boolean;
    if (isOpen) unread = false;
    else if (prev) unread = prev.unread || newIncoming;
    else if (created) unread = !!c.lastIncomingAt;
    else {
      // Unknown row entering the view: ask the server for its read state.
      if (!this.searching && this.matches(c, false)) this.#fetchUnknown(c.id);
      return;
    }
    const next: ConversationSummary = { ...c, unread };
    if (this.searching) {
      if (prev) this.#replace(index, next);
      return;
    }
    if (!this.matches(c, unread)) {
      if (prev) this.items = this.items.filter((x) => x.id !== c.id);
      return;
    }
    this.#place(next, index);
  }

  /** A freshly fetched summary (e.g. after access changed) goes where it belongs. */
  upsert(c: ConversationSummary): void {
    const index = this.indexOf(c.id);
    if (!this.searching && !this.matches(c, c.unread)) {
      if (index >= 0) this.items = this.items.filter((x) => x.id !== c.id);
      return;
    }
    if (this.searching) {
      if (index >= 0) this.#replace(index, c);
      return;
    }
    this.#place(c, index);
  }

  setUnread(id: number, unread: boolean): void {
    const index = this.indexOf(id);
    if (index < 0 || this.items[index]!.unread === unread) return;
    // In the "unread" view a read row stays until the view reloads, so it does not vanish under the pointer.
    this.#replace(index, { ...this.items[index]!, unread });
  }

  remove(id: number): void {
    if (this.indexOf(id) >= 0) this.items = this.items.filter((x) => x.id !== id);
  }

  #replace(index: number, c: ConversationSummary) {
    const copy = this.items.slice();
    copy[index] = c;
    this.items = copy;
  }

  /** Moves or inserts a row at its sorted position (binary search over the loaded window). */
  #place(c: ConversationSummary, index: number) {
    const rest = index >= 0 ? this.items.filter((x) => x.id !== c.id) : this.items;
    let lo = 0;
    let hi = rest.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(rest[mid]!, c)) lo = mid + 1;
      else hi = mid;
    }
    // Past the loaded window while more pages exist: it will arrive with its page.
    if (lo === rest.length && this.nextCursor && index < 0) return;
    const copy = rest.slice();
    copy.splice(lo, 0, c);
    this.items = copy;
  }

  #fetchUnknown(id: number) {
    if (this.#fetchingUnknown.has(id) || this.#fetchingUnknown.size > 50) return;
    this.#fetchingUnknown.add(id);
    const gen = this.#gen;
    api<ConversationSummary>(`/api/conversations/${id}`)
      .then((detail) => {
        if (gen !== this.#gen) return;
        const { id: cid, inboxId, channel, status, snoozedUntil, priority, subject, contact, assigneeId, labels, lastMessageAt, lastMessagePreview, lastIncomingAt, incidentId, unread, sla, escalation } = detail;
        this.upsert({
          id: cid, inboxId, channel, status, snoozedUntil, priority, subject,
          contact: { id: contact.id, name: contact.name, email: contact.email ?? null },
          assigneeId, labels, lastMessageAt, lastMessagePreview, lastIncomingAt, incidentId,
          unread: this.openId() === cid ? false : unread,
          sla, escalation,
        });
      })
      .catch(() => {
        // Not visible (any more): nothing to show.
      })
      .finally(() => this.#fetchingUnknown.delete(id));
  }
}
