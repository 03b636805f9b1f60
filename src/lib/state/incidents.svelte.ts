/**
 * The incidents running now, for the banner on every console page and the crisis pages. Loaded
 * once (`GET /api/incidents?active=1`) and kept live by the `incident.*` facts, which reach us
 * through the realtime connection and its sync replay, so a console that was offline catches up.
 *
 * The first load and the facts race: a fact may arrive before the load's answer although the
 * answer was read on the server earlier. So a resolved incident is remembered and never comes
 * back from an older answer, and an incident an event touched after the load began is left as
 * the event made it.
 */
import type { EventPayload, LoggedEvent } from '$lib/shared/schemas/events';
import type { Incident, Severity } from '$lib/shared/schemas/incident';
import { api } from '$lib/client/api';
import * as m from '$lib/paraglide/messages';

export type IncidentFact = Extract<LoggedEvent, { type: 'incident.declared' | 'incident.updated' | 'incident.resolved' | 'incident.progress' }>;
type ConversationFact = EventPayload<'conversation.updated'>;

/** What pages listening to the incidents hear: every fact, and "links changed" for conversations. */
export type IncidentSignal = IncidentFact | { type: 'links.changed'; incidentIds: number[] };

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, major: 1, minor: 2 };

/** Most severe first; within a severity the newest first. */
export function bySeverity(a: Incident, b: Incident): number {
  const rank = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  if (rank) return rank;
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? 1 : -1;
  return b.id - a.id;
}

export class IncidentsState {
  /** Active incidents, most severe first. */
  items = $state.raw<Incident[]>([]);
  loaded = $state(false);
  /** The latest change in words for the polite live region (never on the first load). */
  announcement = $state('');
  /** Ticks while the console runs, for "started 5 minutes ago" and durations. */
  now = $state(Date.now());

  #resolved = new Set<number>();
  /** Incident id -> the event count when an event last changed it. */
  #touched = new Map<number, number>();
  #events = 0;
  #listeners = new Set<(s: IncidentSignal) => void>();
  #timer: ReturnType<typeof setInterval> | null = null;

  start(tickMs = 5_000): void {
    void this.load();
    this.#timer ??= setInterval(() => (this.now = Date.now()), tickMs);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#listeners.clear();
  }

  async load(): Promise<void> {
    const mark = this.#events;
    try {
      const { items } = await api<{ items: Incident[] }>('/api/incidents?active=1');
      this.#merge(items, mark);
    } catch {
      // Keep what we have; the facts still arrive and the next reconnect loads again.
    } finally {
      this.loaded = true;
    }
  }

  get(id: number | null | undefined): Incident | undefined {
    return id == null ? undefined : this.items.find((i) => i.id === id);
  }

  /** Whether this incident was seen resolving (it may still be linked from conversations). */
  isResolved(id: number): boolean {
    return this.#resolved.has(id);
  }

  /** Called for every `incident.*` fact, in seq order. */
  apply(e: IncidentFact): void {
    this.#events++;
    if (e.type === 'incident.progress') {
      this.#emit(e);
      return;
    }
    const next = e.payload.incident;
    const before = this.get(next.id);
    this.#touched.set(next.id, this.#events);
    if (e.type === 'incident.resolved' || next.resolvedAt) {
      this.#resolved.add(next.id);
      this.items = this.items.filter((i) => i.id !== next.id);
      if (e.type === 'incident.resolved') this.announcement = m.crisis_announce_resolved({ title: next.title });
    } else if (!this.#resolved.has(next.id)) {
      this.items = [...this.items.filter((i) => i.id !== next.id), next].sort(bySeverity);
      if (e.type === 'incident.declared') this.announcement = m.crisis_announce_declared({ title: next.title, message: next.message });
      else if (next.latestUpdate && next.latestUpdate.id !== before?.latestUpdate?.id) {
        this.announcement = m.crisis_announce_updated({ title: next.title, message: next.latestUpdate.message });
      }
    }
    this.#emit(e);
  }

  /** A conversation fact: tells listening pages when a link to an incident may have changed. */
  noticeConversation(p: Pick<ConversationFact, 'conversation' | 'changes'>, created: boolean): void {
    const id = p.conversation.incidentId;
    if (created ? id !== null : p.changes.includes('incident') || p.changes.includes('incidentId')) this.#emit({ type: 'links.changed', incidentIds: id === null ? [] : [id] });
  }

  /** Hears every incident fact (and link changes) until the returned function is called. */
  listen(fn: (s: IncidentSignal) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #merge(snapshot: Incident[], mark: number) {
    const fresh = (id: number) => (this.#touched.get(id) ?? 0) > mark;
    const byId = new Map(this.items.map((i) => [i.id, i]));
    // Gone from the answer and not changed by a newer event: it ended while we were away.
    for (const id of byId.keys()) if (!fresh(id) && !snapshot.some((s) => s.id === id)) byId.delete(id);
    for (const s of snapshot) {
      if (this.#resolved.has(s.id) || s.resolvedAt) continue;
      const have = byId.get(s.id);
      if (have && fresh(s.id) && have.updatedAt >= s.updatedAt) continue;
      byId.set(s.id, s);
    }
    this.items = [...byId.values()].sort(bySeverity);
  }

  #emit(s: IncidentSignal) {
    for (const fn of this.#listeners) {
      try {
        fn(s);
      } catch (err) {
        console.error('[incidents] listener failed', err);
      }
    }
  }
}
