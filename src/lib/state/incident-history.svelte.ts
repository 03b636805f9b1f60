/**
 * The resolved incidents for the crisis overview (the running ones are the console's live list):
 * the latest 50 from `GET /api/incidents`, and each one resolved while the page is open on top.
 */
import type { Incident } from '$lib/shared/schemas/incident';
import { api, errorMessage } from '$lib/client/api';
import type { IncidentsState } from './incidents.svelte';

const newestFirst = (a: Incident, b: Incident) => ((b.resolvedAt ?? '') < (a.resolvedAt ?? '') ? -1 : (b.resolvedAt ?? '') > (a.resolvedAt ?? '') ? 1 : b.id - a.id);

export class IncidentHistoryState {
  items = $state.raw<Incident[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  #stop: (() => void) | null = null;

  constructor(private readonly incidents: IncidentsState) {}

  start(): void {
    this.#stop = this.incidents.listen((s) => {
      if (s.type === 'incident.resolved') this.#put(s.payload.incident);
    });
    void this.load();
  }

  stop(): void {
    this.#stop?.();
    this.#stop = null;
  }

  async load(): Promise<void> {
    this.error = null;
    try {
      const { items } = await api<{ items: Incident[] }>('/api/incidents?active=0&limit=50');
      for (const i of items) if (i.resolvedAt) this.#put(i);
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.loaded = true;
    }
  }

  #put(i: Incident) {
    this.items = [...this.items.filter((x) => x.id !== i.id), i].sort(newestFirst);
  }
}
