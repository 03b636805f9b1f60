import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Incident, IncidentDetail, IncidentReport, IncidentUpdate } from '$lib/shared/schemas/incident';
import { IncidentsState } from './incidents.svelte';
import { IncidentPageState, withProgress, withUpdate } from './incident-page.svelte';

const u = (id: number, createdAt: string, status: IncidentUpdate['status'] = 'investigating'): IncidentUpdate => ({
  id,
  status,
  message: `Update ${id}`,
  author: { id: 2, name: 'Lena Lead' },
  notifyLinked: false,
  resolveLinked: false,
  createdAt,
});

const first = u(1, '2026-12-01T10:00:00.000Z');
const incident: Incident = {
  id: 4,
  title: 'Login errors',
  severity: 'major',
  status: 'investigating',
  message: 'Update 1',
  internalNote: null,
  components: [],
  match: { keywords: [], channels: [], inboxIds: [] },
  autoAcknowledge: false,
  declaredBy: null,
  startedAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  resolvedAt: null,
  linkedCount: 2,
  latestUpdate: first,
};
const detail: IncidentDetail = { ...incident, updates: [first], broadcasts: [] };
const report: IncidentReport = {
  incidentId: 4,
  title: 'Login errors',
  severity: 'major',
  startedAt: incident.startedAt,
  resolvedAt: null,
  durationSeconds: 60,
  timeToFirstUpdateSeconds: null,
  linkedByChannel: [{ channel: 'email', count: 2 }],
  linkedTotal: 2,
  customersNotified: 0,
  messagesSent: 0,
  messagesFailed: 0,
  timeline: [first],
};

function serve(routes: Record<string, unknown>, gate?: Promise<void>) {
  const seen: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      seen.push(url);
      if (gate && url.endsWith('/4')) await gate;
      return new Response(JSON.stringify(routes[url] ?? {}), { status: url in routes ? 200 : 404 });
    }),
  );
  return seen;
}

let seq = 0;
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the incident page', () => {
  it('keeps counts that only grow and the timeline in order', () => {
    const a = { updateId: 7, total: 10, sent: 4, failed: 1, remaining: 5 };
    expect(withProgress([a], { ...a, sent: 3, remaining: 6 })).toEqual([a]);
    expect(withProgress([a], { ...a, sent: 9, remaining: 0 })).toEqual([{ ...a, sent: 9, remaining: 0 }]);
    expect(withProgress([a], { updateId: null, total: 1, sent: 1, failed: 0, remaining: 0 })).toHaveLength(2);
    const later = u(2, '2026-12-01T10:10:00.000Z');
    expect(withUpdate([later], first).map((x) => x.id)).toEqual([1, 2]);
    expect(withUpdate([first, later], { ...later, message: 'edited' }).map((x) => x.message)).toEqual(['Update 1', 'edited']);
  });

  it('adds updates and moves the broadcast bars from the facts, also those heard before its first answer', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    serve({ '/api/incidents/4': detail, '/api/incidents/4/report': report }, gate);
    const incidents = new IncidentsState();
    const page = new IncidentPageState(4, incidents);
    page.start();
    const second = u(2, '2026-12-01T10:05:00.000Z', 'identified');
    incidents.apply({ seq: ++seq, type: 'incident.updated', payload: { seq, incident: { ...incident, status: 'identified', latestUpdate: second, updatedAt: second.createdAt } } });
    open();
    await vi.waitFor(() => expect(page.detail?.updates.map((x) => x.id)).toEqual([1, 2]));
    expect(page.detail?.status).toBe('identified');

    incidents.apply({ seq: ++seq, type: 'incident.progress', payload: { seq, incidentId: 4, progress: { updateId: 2, total: 2, sent: 1, failed: 0, remaining: 1 } } });
    incidents.apply({ seq: ++seq, type: 'incident.progress', payload: { seq, incidentId: 99, progress: { updateId: 5, total: 1, sent: 1, failed: 0, remaining: 0 } } });
    expect(page.detail?.broadcasts).toEqual([{ updateId: 2, total: 2, sent: 1, failed: 0, remaining: 1 }]);
    await vi.waitFor(() => expect(page.report?.linkedTotal).toBe(2));
    page.stop();
  });

  it('loads the report again once resolved, and ignores an older state', async () => {
    const seen = serve({ '/api/incidents/4': detail, '/api/incidents/4/report': report });
    const incidents = new IncidentsState();
    const page = new IncidentPageState(4, incidents);
    page.start();
    await vi.waitFor(() => expect(seen.filter((x) => x.endsWith('/report'))).toHaveLength(1));
    const done = u(3, '2026-12-01T11:00:00.000Z', 'resolved');
    page.applyIncident({ ...incident, status: 'resolved', resolvedAt: done.createdAt, updatedAt: done.createdAt, latestUpdate: done }, done);
    expect(page.detail?.resolvedAt).toBe(done.createdAt);
    await vi.waitFor(() => expect(seen.filter((x) => x.endsWith('/report'))).toHaveLength(2));
    page.applyIncident(incident);
    expect(page.detail?.status).toBe('resolved');
    page.stop();
  });

  it('says when the incident does not exist', async () => {
    serve({});
    const page = new IncidentPageState(4, new IncidentsState());
    await page.load();
    expect(page.notFound).toBe(true);
  });
});
