import { describe, expect, it } from 'vitest';
import type { IncidentUpdate } from '$lib/shared/schemas/incident';
import { buildReport, type ReportInput } from './incident-report';

const T0 = Date.UTC(2026, 10, 30, 10, 0, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const entry = (id: number, status: IncidentUpdate['status'], minutes: number): IncidentUpdate => ({
  id,
  status,
  message: `update ${id}`,
  author: { id: 1, name: 'Ola' },
  notifyLinked: id > 1,
  resolveLinked: false,
  createdAt: at(minutes),
});

/** A major incident: declared at 10:00, first update at 10:07:30, resolved at 11:45. */
const fixture: ReportInput = {
  incident: { id: 3, title: 'Checkout down', severity: 'major', createdAt: T0, resolvedAt: T0 + 105 * 60_000 },
  updates: [entry(1, 'investigating', 0), entry(2, 'identified', 7.5), entry(3, 'monitoring', 60), entry(4, 'resolved', 105)],
  linkedByChannel: [
    { channel: 'chat', count: 4 },
    { channel: 'email', count: 9 },
    { channel: 'telegram', count: 0 },
    { channel: 'api', count: 4 },
  ],
  deliveries: [
    // Contact 10 got the acknowledgement and two updates; 11 one update; 12's failed; 13's still queued.
    { status: 'sent', contactId: 10 },
    { status: 'sent', contactId: 10 },
    { status: 'sent', contactId: 10 },
    { status: 'sent', contactId: 11 },
    { status: 'failed', contactId: 12 },
    { status: 'queued', contactId: 13 },
    { status: 'pending', contactId: 14 },
  ],
  now: T0 + 500 * 60_000,
};

describe('incident report figures', () => {
  it('counts duration, time to first update, links by channel, customers notified and messages', () => {
    expect(buildReport(fixture)).toEqual({
      incidentId: 3,
      title: 'Checkout down',
      severity: 'major',
      startedAt: at(0),
      resolvedAt: at(105),
      durationSeconds: 105 * 60,
      timeToFirstUpdateSeconds: 450,
      linkedByChannel: [
        { channel: 'email', count: 9 },
        { channel: 'api', count: 4 },
        { channel: 'chat', count: 4 },
      ],
      linkedTotal: 17,
      customersNotified: 2,
      messagesSent: 4,
      messagesFailed: 1,
      timeline: fixture.updates,
    });
  });

  it('runs the duration until now while the incident is active, and has no first update before one is posted', () => {
    const running = buildReport({ ...fixture, incident: { ...fixture.incident, resolvedAt: null }, updates: fixture.updates.slice(0, 1), deliveries: [], linkedByChannel: [] });
    expect(running).toMatchObject({ resolvedAt: null, durationSeconds: 500 * 60, timeToFirstUpdateSeconds: null, linkedTotal: 0, customersNotified: 0, messagesSent: 0, messagesFailed: 0 });
  });
});
