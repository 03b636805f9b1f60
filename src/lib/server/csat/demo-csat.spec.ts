import { afterEach, describe, expect, it } from 'vitest';
import { contacts, conversations, csatResponses } from '../db/schema';
import { makeInbox, testApp } from '../../../../tests/factories/app.factory';
import { seedDemoCsat } from './demo-csat';

let app = testApp();
afterEach(async () => {
  await app.close();
  app = testApp();
});

const T0 = Date.UTC(2026, 10, 20);

function conversation(inboxId: number, status: 'open' | 'resolved', incidentId: number | null = null) {
  const contact = app.db.insert(contacts).values({ name: 'Demo', createdAt: T0 }).returning().get();
  return app.db
    .insert(conversations)
    .values({ inboxId, contactId: contact.id, status, priority: 'normal', lastMessageAt: T0, createdAt: T0, updatedAt: T0, resolvedAt: status === 'resolved' ? T0 : null, incidentId })
    .returning()
    .get().id;
}

describe('demo satisfaction history', () => {
  it('gives resolved conversations outside incidents a survey, answered after the resolve or not at all, once', () => {
    const inbox = makeInbox(app);
    const resolved = Array.from({ length: 15 }, () => conversation(inbox.id, 'resolved'));
    const open = conversation(inbox.id, 'open');
    const linked = conversation(inbox.id, 'resolved', 99);
    expect(seedDemoCsat(app.db)).toBe(15);
    seedDemoCsat(app.db);
    const rows = app.db.select().from(csatResponses).all();
    expect(rows.map((r) => r.conversationId).sort((a, b) => a - b)).toEqual(resolved);
    expect(rows.some((r) => r.conversationId === open || r.conversationId === linked)).toBe(false);
    for (const r of rows) {
      expect(r.requestedAt).toBe(T0);
      if (r.rating === null) expect(r.ratedAt).toBeNull();
      else expect(r.ratedAt!).toBeGreaterThan(T0);
    }
    // The spread repeats every 15: two never answer, nine of the thirteen answers are 4 or 5.
    expect(rows.filter((r) => r.rating === null)).toHaveLength(2);
    expect(rows.filter((r) => (r.rating ?? 0) >= 4)).toHaveLength(9);
  });
});
