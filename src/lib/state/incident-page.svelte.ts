/**
 * One incident's page: its detail (timeline, broadcasts), its report (linked conversations by
 * channel; the figures once resolved), kept live by the incident facts the console hears:
 * updates join the timeline, `incident.progress` moves the broadcast bars (no polling), and a
 * change of conversation links reloads the counts (at most once a second).
 */
import type { BroadcastProgress, Incident, IncidentDetail, IncidentReport, IncidentUpdate } from '$lib/shared/schemas/incident';
import { api, ApiError, errorMessage } from '$lib/client/api';
import type { IncidentSignal, IncidentsState } from './incidents.svelte';

const done = (p: BroadcastProgress) => p.sent + p.failed;

/** The broadcasts with this one's newer count in place (counts only grow; an older fact is ignored). */
export function withProgress(list: readonly BroadcastProgress[], next: BroadcastProgress): BroadcastProgress[] {
  const at = list.findIndex((p) => p.updateId === next.updateId);
  if (at < 0) return [...list, next];
  const have = list[at]!;
  if (done(next) < done(have)) return [...list];
  return list.map((p, i) => (i === at ? next : p));
}

/** The timeline with this update in place, oldest first. */
export function withUpdate(list: readonly IncidentUpdate[], update: IncidentUpdate): IncidentUpdate[] {
  return [...list.filter((u) => u.id !== update.id), update].sort((a, b) => (a.createdAt === b.createdAt ? a.id - b.id : a.createdAt < b.createdAt ? -1 : 1));
}

export class IncidentPageState {
  detail = $state.raw<IncidentDetail | null>(null);
  report = $state.raw<IncidentReport | null>(null);
  error = $state<string | null>(null);
  notFound = $state(false);

  #stop: (() => void) | null = null;
  #reportTimer: ReturnType<typeof setTimeout> | null = null;
  /** Facts that came before the first answer, applied on top of it. */
  #early: IncidentSignal[] = [];

  constructor(
    readonly id: number,
    private readonly incidents: IncidentsState,
  ) {}

  start(): void {
    this.#stop = this.incidents.listen((s) => this.#hear(s));
    void this.load();
  }

  stop(): void {
    this.#stop?.();
    this.#stop = null;
    if (this.#reportTimer) clearTimeout(this.#reportTimer);
    this.#reportTimer = null;
  }

  async load(): Promise<void> {
    this.error = null;
    try {
      const detail = await api<IncidentDetail>(`/api/incidents/${this.id}`);
      this.detail = detail;
      const early = this.#early;
      this.#early = [];
      for (const s of early) this.#hear(s);
      void this.loadReport();
    } catch (err) {
      this.notFound = err instanceof ApiError && err.status === 404;
      this.error = errorMessage(err);
    }
  }

  async loadReport(): Promise<void> {
    try {
      this.report = await api<IncidentReport>(`/api/incidents/${this.id}/report`);
    } catch {
      // The counts stay as they were; the page still works without them.
    }
  }

  /** What the server answered to an update or an edit, shown at once (the fact follows). */
  applyIncident(next: Incident, update?: IncidentUpdate): void {
    const d = this.detail;
    if (!d || next.id !== this.id) return;
    if (next.updatedAt < d.updatedAt) return;
    let updates = d.updates;
    for (const u of [update, next.latestUpdate]) if (u && !updates.some((x) => x.id === u.id)) updates = withUpdate(updates, u);
    const wasResolved = d.resolvedAt !== null;
    this.detail = { ...d, ...next, updates, broadcasts: d.broadcasts };
    if (!wasResolved && next.resolvedAt) void this.loadReport();
  }

  #hear(s: IncidentSignal) {
    if (s.type === 'links.changed') {
      this.#scheduleReport();
      return;
    }
    if (!this.detail) {
      this.#early.push(s);
      return;
    }
    if (s.type === 'incident.progress') {
      if (s.payload.incidentId !== this.id) return;
      this.detail = { ...this.detail, broadcasts: withProgress(this.detail.broadcasts, s.payload.progress) };
      return;
    }
    const changed = s.payload.incident;
    if (changed.id !== this.id) return;
    const before = this.detail.linkedCount;
    this.applyIncident(changed);
    if (changed.linkedCount !== before) this.#scheduleReport();
  }

  #scheduleReport() {
    if (this.#reportTimer) return;
    this.#reportTimer = setTimeout(() => {
      this.#reportTimer = null;
      void this.loadReport();
    }, 1_000);
  }
}
