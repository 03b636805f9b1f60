import { afterEach, describe, expect, it } from 'vitest';
import type { Incident } from '$lib/shared/schemas/incident';
import { testApp } from '../../../../tests/factories/app.factory';
import { catchUpCrisisWebhook, CRISIS_WEBHOOK_JOB, startCrisisWebhook } from './crisis-webhook.job';

let app = testApp();
afterEach(async () => {
  await app.close();
  app = testApp();
});

const incident = (over: Partial<Incident> = {}): Incident => ({
  id: 1,
  title: 'Payments down',
  severity: 'critical',
  status: 'investigating',
  message: 'Payments fail.',
  internalNote: 'secret',
  components: ['Payments'],
  match: { keywords: [], channels: [], inboxIds: [] },
  autoAcknowledge: false,
  declaredBy: null,
  startedAt: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
  resolvedAt: null,
  linkedCount: 0,
  latestUpdate: { id: 10, status: 'investigating', message: 'Payments fail.', author: null, notifyLinked: false, resolveLinked: false, createdAt: new Date().toISOString() },
  ...over,
});

const jobs = () =>
  app.db.$client.prepare(`SELECT unique_key AS key, payload FROM jobs WHERE kind = ? ORDER BY id`).all(CRISIS_WEBHOOK_JOB) as { key: string; payload: string }[];

const record = (type: 'incident.declared' | 'incident.updated' | 'incident.resolved', i: Incident) => app.log.transact((events) => events.record(type, { incident: i }));

describe('queueing team chat announcements', () => {
  it('queues nothing while no webhook is set', () => {
    const stop = startCrisisWebhook(app.bus, app.jobs.queue, app.crisisSettings);
    record('incident.declared', incident());
    stop();
    expect(jobs()).toEqual([]);
  });

  it('queues one job per timeline entry: an edit with no new entry, or the same event again, adds nothing', () => {
    app.crisisSettings.put({ components: [], webhookUrl: 'https://hooks.example.test/x', webhookFormat: 'slack' }, null);
    const stop = startCrisisWebhook(app.bus, app.jobs.queue, app.crisisSettings);
    record('incident.declared', incident());
    record('incident.updated', incident({ title: 'Payments down (EU)' }));
    const update = { id: 11, status: 'identified' as const, message: 'Found it.', author: null, notifyLinked: false, resolveLinked: false, createdAt: new Date().toISOString() };
    record('incident.updated', incident({ status: 'identified', message: 'Found it.', latestUpdate: update }));
    record('incident.resolved', incident({ status: 'resolved', message: 'Fixed.', latestUpdate: { ...update, id: 12, status: 'resolved', message: 'Fixed.' } }));
    stop();
    const queued = jobs();
    expect(queued.map((j) => j.key)).toEqual(['crisis-webhook:update:10', 'crisis-webhook:update:11', 'crisis-webhook:update:12']);
    expect(queued.map((j) => JSON.parse(j.payload).kind)).toEqual(['declared', 'updated', 'resolved']);
    expect(queued.map((j) => j.payload).join()).not.toContain('secret');
  });

  it('offers recent events again at start (a crash between commit and queueing) without doubling what is queued', () => {
    app.crisisSettings.put({ components: [], webhookUrl: 'https://hooks.example.test/x', webhookFormat: 'teams' }, null);
    // Committed while nothing listened, as if the process died right after.
    record('incident.declared', incident());
    expect(jobs()).toEqual([]);
    catchUpCrisisWebhook(app.db, app.jobs.queue, app.crisisSettings);
    catchUpCrisisWebhook(app.db, app.jobs.queue, app.crisisSettings);
    expect(jobs().map((j) => j.key)).toEqual(['crisis-webhook:update:10']);
    catchUpCrisisWebhook(app.db, app.jobs.queue, app.crisisSettings, Date.now() + 3_600_000);
    expect(jobs()).toHaveLength(1);
  });
});
