import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Incident, IncidentUpdate } from '$lib/shared/schemas/incident';
import { IncidentsState, bySeverity, type IncidentFact, type IncidentSignal } from './incidents.svelte';

let seq = 0;

function update(id: number, message: string, status: IncidentUpdate['status'] = 'investigating'): IncidentUpdate {
  return { id, status, message, author: { id: 2, name: 'Lena Lead' }, notifyLinked: false, resolveLinked: false, createdAt: '2026-12-01T10:00:00.000Z' };
}

function incident(over: Partial<Incident> & { id: number }): Incident {
  return {
    title: `Incident ${over.id}`,
    severity: 'major',
    status: 'investigating',
    message: 'We are looking into it.',
    internalNote: null,
    components: [],
    match: { keywords: [], channels: [], inboxIds: [] },
    autoAcknowledge: false,
    declaredBy: { id: 2, name: 'Lena Lead' },
    startedAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    resolvedAt: null,
    linkedCount: 0,
    latestUpdate: update(over.id * 100, over.message ?? 'We are looking into it.'),
    ...over,
  };
}

function fact(type: 'incident.declared' | 'incident.updated' | 'incident.resolved', i: Incident): IncidentFact {
  return { seq: ++seq, type, payload: { seq, incident: i } };
}

function answer(items: Incident[]) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => {
      await gate;
      return new Response(JSON.stringify({ items }), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
  return release;
}

afterEach(() => vi.unstubAllGlobals());

describe('the active incidents', () => {
  it('are ordered most severe first, and the newest first within a severity', () => {
    const s = new IncidentsState();
    s.apply(fact('incident.declared', incident({ id: 1, severity: 'minor', startedAt: '2026-12-01T09:00:00.000Z' })));
    s.apply(fact('incident.declared', incident({ id: 2, severity: 'major', startedAt: '2026-12-01T09:00:00.000Z' })));
    s.apply(fact('incident.declared', incident({ id: 3, severity: 'critical', startedAt: '2026-12-01T08:00:00.000Z' })));
    s.apply(fact('incident.declared', incident({ id: 4, severity: 'major', startedAt: '2026-12-01T09:30:00.000Z' })));
    expect(s.items.map((i) => i.id)).toEqual([3, 4, 2, 1]);
    expect([incident({ id: 9, severity: 'minor' }), incident({ id: 8, severity: 'critical' })].sort(bySeverity).map((i) => i.id)).toEqual([8, 9]);
  });

  it('take a declaration, announce it politely, and re-sort when the severity is raised', () => {
    const s = new IncidentsState();
    s.apply(fact('incident.declared', incident({ id: 1, severity: 'critical' })));
    s.apply(fact('incident.declared', incident({ id: 2, title: 'Payments down', severity: 'minor', message: 'Card payments fail.' })));
    expect(s.announcement).toContain('Payments down');
    expect(s.announcement).toContain('Card payments fail.');
    expect(s.items.map((i) => i.id)).toEqual([1, 2]);
    s.apply(fact('incident.updated', incident({ id: 2, severity: 'critical', startedAt: '2026-12-01T11:00:00.000Z' })));
    expect(s.items.map((i) => i.id)).toEqual([2, 1]);
  });

  it('show an update’s text and announce only a new update, not an edit of the rules', () => {
    const s = new IncidentsState();
    const first = incident({ id: 5, title: 'Login errors' });
    s.apply(fact('incident.declared', first));
    s.announcement = '';
    s.apply(fact('incident.updated', { ...first, components: ['Login'] }));
    expect(s.announcement).toBe('');
    const next = { ...first, status: 'identified' as const, message: 'Fix is rolling out.', latestUpdate: update(501, 'Fix is rolling out.', 'identified') };
    s.apply(fact('incident.updated', next));
    expect(s.get(5)?.latestUpdate?.message).toBe('Fix is rolling out.');
    expect(s.get(5)?.status).toBe('identified');
    expect(s.announcement).toContain('Fix is rolling out.');
  });

  it('drop a resolved incident at once, and an older answer of the list never brings it back', async () => {
    const s = new IncidentsState();
    const running = incident({ id: 7 });
    s.apply(fact('incident.declared', running));
    const release = answer([running]);
    const loading = s.load();
    s.apply(fact('incident.resolved', { ...running, status: 'resolved', resolvedAt: '2026-12-01T12:00:00.000Z' }));
    expect(s.items).toEqual([]);
    expect(s.isResolved(7)).toBe(true);
    expect(s.announcement).toMatch(/resolved/i);
    release();
    await loading;
    expect(s.items).toEqual([]);
    // A late "updated" fact of a resolved incident (replayed out of order) does not bring it back either.
    s.apply(fact('incident.updated', running));
    expect(s.items).toEqual([]);
  });

  it('keep an incident declared while the list was loading, and its newer state', async () => {
    const s = new IncidentsState();
    const old = incident({ id: 1, updatedAt: '2026-12-01T10:00:00.000Z' });
    const release = answer([old]);
    const loading = s.load();
    const newer = { ...old, message: 'Newer text', updatedAt: '2026-12-01T10:05:00.000Z' };
    s.apply(fact('incident.updated', newer));
    s.apply(fact('incident.declared', incident({ id: 2 })));
    release();
    await loading;
    expect(s.items.map((i) => i.id).sort()).toEqual([1, 2]);
    expect(s.get(1)?.message).toBe('Newer text');
    expect(s.loaded).toBe(true);
  });

  it('forget an incident the list no longer has when no newer fact touched it (it ended while offline)', async () => {
    const s = new IncidentsState();
    s.apply(fact('incident.declared', incident({ id: 1 })));
    s.apply(fact('incident.declared', incident({ id: 2 })));
    const release = answer([incident({ id: 2 }), incident({ id: 3, severity: 'critical' })]);
    const loading = s.load();
    release();
    await loading;
    expect(s.items.map((i) => i.id)).toEqual([3, 2]);
  });

  it('pass progress facts and link changes to listeners until they stop listening', () => {
    const s = new IncidentsState();
    const heard: IncidentSignal[] = [];
    const stop = s.listen((x) => heard.push(x));
    s.apply({ seq: ++seq, type: 'incident.progress', payload: { seq, incidentId: 4, progress: { updateId: 9, total: 10, sent: 3, failed: 1, remaining: 6 } } });
    const conversation = { incidentId: 4 } as Parameters<IncidentsState['noticeConversation']>[0]['conversation'];
    s.noticeConversation({ conversation, changes: ['incident'] }, false);
    s.noticeConversation({ conversation, changes: ['status'] }, false);
    s.noticeConversation({ conversation, changes: [] }, true);
    s.noticeConversation({ conversation: { ...conversation, incidentId: null }, changes: [] }, true);
    expect(heard.map((h) => h.type)).toEqual(['incident.progress', 'links.changed', 'links.changed']);
    stop();
    s.apply(fact('incident.declared', incident({ id: 4 })));
    expect(heard).toHaveLength(3);
  });
});
