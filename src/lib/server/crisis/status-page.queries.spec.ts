import { afterEach, describe, expect, it } from 'vitest';
import { incidentUpdates, incidents } from '../db/schema';
import { testApp } from '../../../../tests/factories/app.factory';
import { widgetBannerFor } from './widget-incident-banner';

let app = testApp();
afterEach(async () => {
  await app.close();
  app = testApp();
});

const DAY = 24 * 3600_000;
const NOW = Date.UTC(2026, 10, 30, 12);

type Seed = { title: string; severity: 'minor' | 'major' | 'critical'; startedAgo: number; resolvedAgo?: number; components?: string[]; channels?: string[]; inboxIds?: number[] };

function seed(s: Seed) {
  const started = NOW - s.startedAgo;
  const resolved = s.resolvedAgo === undefined ? null : NOW - s.resolvedAgo;
  const row = app.db
    .insert(incidents)
    .values({
      title: s.title,
      severity: s.severity,
      status: resolved ? 'resolved' : 'investigating',
      message: `${s.title}: what customers read`,
      internalNote: 'secret note',
      components: s.components ?? [],
      matchChannels: s.channels ?? [],
      matchInboxIds: s.inboxIds ?? [],
      createdAt: started,
      updatedAt: resolved ?? started,
      resolvedAt: resolved,
    })
    .returning()
    .get();
  app.db.insert(incidentUpdates).values({ incidentId: row.id, status: 'investigating', message: `${s.title} started`, createdAt: started }).run();
  if (resolved) app.db.insert(incidentUpdates).values({ incidentId: row.id, status: 'resolved', message: `${s.title} fixed`, createdAt: resolved }).run();
  return row.id;
}

describe('the status page reads', () => {
  it('lists active incidents by severity, then those resolved in the last 14 days, newest first, and nothing older', () => {
    const old = seed({ title: 'Old', severity: 'critical', startedAgo: 20 * DAY, resolvedAgo: 15 * DAY });
    const recent = seed({ title: 'Recent', severity: 'minor', startedAgo: 3 * DAY, resolvedAgo: 2 * DAY });
    const edge = seed({ title: 'Edge', severity: 'major', startedAgo: 14 * DAY, resolvedAgo: 14 * DAY - 60_000 });
    const minor = seed({ title: 'Minor now', severity: 'minor', startedAgo: 60_000 });
    const critical = seed({ title: 'Critical now', severity: 'critical', startedAgo: 3_600_000, components: ['API'] });
    const list = app.statusPage.incidents(NOW);
    expect(list.map((i) => i.id)).toEqual([critical, minor, recent, edge]);
    expect(list.map((i) => i.id)).not.toContain(old);
    expect(list[2]!.updates.map((u) => u.message)).toEqual(['Recent fixed', 'Recent started']);
    expect(JSON.stringify(list)).not.toContain('secret note');
  });

  it('builds the document with the configured components and the worst active severity', () => {
    seed({ title: 'A', severity: 'minor', startedAgo: 1000, components: ['Email'] });
    seed({ title: 'B', severity: 'major', startedAgo: 2000, components: ['email', 'SMS'] });
    const doc = app.statusPage.document(['Website', 'Email'], (i) => `words for ${i}`, NOW);
    expect(doc.status).toEqual({ indicator: 'major', description: 'words for major' });
    expect(doc.components).toEqual([
      { name: 'Website', status: 'operational' },
      { name: 'Email', status: 'partial_outage' },
      { name: 'SMS', status: 'partial_outage' },
    ]);
    expect(doc.page.updatedAt).toBe(new Date(NOW - 1000).toISOString());
  });
});

describe('the chat widget banner', () => {
  it('picks the most severe active incident whose rules concern the inbox: no rules, the inbox listed, or the chat channel', () => {
    expect(widgetBannerFor(app.db, 7)).toBeNull();
    seed({ title: 'Email only', severity: 'critical', startedAgo: 1000, channels: ['email'] });
    seed({ title: 'Other inbox', severity: 'critical', startedAgo: 1000, inboxIds: [8] });
    seed({ title: 'Resolved', severity: 'critical', startedAgo: 5000, resolvedAgo: 1000 });
    expect(widgetBannerFor(app.db, 7)).toBeNull();
    seed({ title: 'Everyone', severity: 'minor', startedAgo: 3000 });
    expect(widgetBannerFor(app.db, 7)).toMatchObject({ title: 'Everyone', severity: 'minor', message: 'Everyone: what customers read' });
    const mine = seed({ title: 'This inbox', severity: 'major', startedAgo: 2000, inboxIds: [7] });
    expect(widgetBannerFor(app.db, 7)).toMatchObject({ incidentId: mine });
    const chat = seed({ title: 'Chats', severity: 'major', startedAgo: 1000, channels: ['chat'] });
    expect(widgetBannerFor(app.db, 7), 'same severity: the newest').toMatchObject({ incidentId: chat });
    expect(widgetBannerFor(app.db, 8)).toMatchObject({ title: 'Other inbox' });
  });
});
