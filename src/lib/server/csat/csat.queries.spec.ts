import { afterEach, describe, expect, it } from 'vitest';
import { csatResponses, contacts, conversations } from '../db/schema';
import { makeInbox, makeUser, testApp } from '../../../../tests/factories/app.factory';
import { csatSummary } from './csat.queries';

let app = testApp();
afterEach(async () => {
  await app.close();
  app = testApp();
});

const T0 = Date.UTC(2026, 10, 1);
const HOUR = 3600_000;

function conversation(inboxId: number) {
  const contact = app.db.insert(contacts).values({ name: 'Zofia', createdAt: T0 }).returning().get();
  return app.db
    .insert(conversations)
    .values({ inboxId, contactId: contact.id, status: 'resolved', priority: 'normal', lastMessageAt: T0, createdAt: T0, updatedAt: T0 })
    .returning()
    .get().id;
}

function survey(inboxId: number, agentId: number | null, rating: number | null, ratedAt: number | null) {
  app.db.insert(csatResponses).values({ conversationId: conversation(inboxId), inboxId, channel: 'api', agentId, requestedAt: T0, rating, ratedAt }).run();
}

describe('csatSummary', () => {
  it('averages the answered surveys in the window and counts 4 and 5 as satisfied', async () => {
    const anna = await makeUser(app);
    const inbox = makeInbox(app);
    survey(inbox.id, anna.id, 5, T0 + HOUR);
    survey(inbox.id, anna.id, 4, T0 + 2 * HOUR);
    survey(inbox.id, anna.id, 2, T0 + 3 * HOUR);
    survey(inbox.id, anna.id, 1, T0 + 4 * HOUR);
    survey(inbox.id, anna.id, null, null); // sent, never answered
    // (5 + 4 + 2 + 1) / 4 = 3; two of four are satisfied.
    expect(csatSummary(app.db, { from: T0, to: T0 + 24 * HOUR })).toEqual({ responses: 4, average: 3, satisfiedShare: 0.5 });
  });

  it('counts by when the customer answered: from is inclusive, to exclusive', async () => {
    const inbox = makeInbox(app);
    survey(inbox.id, null, 3, T0);
    survey(inbox.id, null, 4, T0 + HOUR);
    survey(inbox.id, null, 5, T0 + 2 * HOUR);
    // 3 and 4: average 3.5, one of two satisfied.
    expect(csatSummary(app.db, { from: T0, to: T0 + 2 * HOUR })).toEqual({ responses: 2, average: 3.5, satisfiedShare: 0.5 });
  });

  it('filters by inbox and by agent', async () => {
    const anna = await makeUser(app);
    const mikko = await makeUser(app);
    const shop = makeInbox(app);
    const mail = makeInbox(app);
    survey(shop.id, anna.id, 5, T0 + HOUR);
    survey(shop.id, mikko.id, 2, T0 + HOUR);
    survey(mail.id, anna.id, 4, T0 + HOUR);
    survey(mail.id, mikko.id, 3, T0 + HOUR);
    const window = { from: T0, to: T0 + 24 * HOUR };
    expect(csatSummary(app.db, { ...window, inboxIds: [shop.id] })).toEqual({ responses: 2, average: 3.5, satisfiedShare: 0.5 });
    expect(csatSummary(app.db, { ...window, agentIds: [anna.id] })).toEqual({ responses: 2, average: 4.5, satisfiedShare: 1 });
    expect(csatSummary(app.db, { ...window, inboxIds: [mail.id], agentIds: [mikko.id] })).toEqual({ responses: 1, average: 3, satisfiedShare: 0 });
    // (5 + 2 + 4 + 3) / 4 = 3.5, two of four satisfied.
    expect(csatSummary(app.db, window)).toEqual({ responses: 4, average: 3.5, satisfiedShare: 0.5 });
  });

  it('gives no average or share when nobody answered, and an empty filter list matches nothing', async () => {
    const inbox = makeInbox(app);
    survey(inbox.id, null, null, null);
    expect(csatSummary(app.db, { from: T0, to: T0 + HOUR })).toEqual({ responses: 0, average: null, satisfiedShare: null });
    survey(inbox.id, null, 5, T0 + 1);
    expect(csatSummary(app.db, { from: T0, to: T0 + HOUR, inboxIds: [] })).toEqual({ responses: 0, average: null, satisfiedShare: null });
  });
});
