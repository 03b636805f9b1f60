import { afterEach, describe, expect, it, vi } from 'vitest';
import { authFor, customerMessage, makeInbox, makeUser, testApp } from '../../../../tests/factories/app.factory';
import type { SwitchboardApp } from '../app';

let app: SwitchboardApp;
afterEach(async () => app?.close());

async function setup() {
  app = testApp();
  const lead = authFor(app, await makeUser(app, 'lead', 'Lena'));
  const shop = makeInbox(app, [lead.user.id]);
  const support = makeInbox(app, [lead.user.id]);
  const a = app.messages.ingest(shop.record, customerMessage({ contact: { externalId: 'shop-1', name: 'Ingrid' } }));
  const b = app.messages.ingest(support.record, customerMessage({ contact: { externalId: 'support-1', name: 'I. Berg', email: 'ingrid@example.com' } }));
  const contactOf = (conversationId: number) => app.conversations.get(authFor(app, lead.user), conversationId).contact.id;
  return { lead: authFor(app, lead.user), shop, support, a, b, target: contactOf(a.conversationId), source: contactOf(b.conversationId) };
}

const counts = (app: SwitchboardApp) =>
  app.db.$client
    .prepare<[], { contacts: number; identities: number; events: number }>(
      'SELECT (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM contact_identities) AS identities, (SELECT count(*) FROM events) AS events',
    )
    .get();

describe('contact merge', () => {
  it('moves identities and conversations, fills an empty email from the source and keeps the target’s name', async () => {
    const { lead, target, source, a, b } = await setup();
    const merged = app.contacts.merge(lead, target, source);
    expect(merged).toMatchObject({ id: target, name: 'Ingrid', email: 'ingrid@example.com' });
    expect(merged.identities.map((i) => i.externalId).sort()).toEqual(['shop-1', 'support-1']);
    expect(merged.conversations.map((c) => c.id).sort()).toEqual([a.conversationId, b.conversationId].sort());
  });

  it('rolls everything back, events included, when the merge fails half-way', async () => {
    const { lead, target, source, b } = await setup();
    const before = counts(app);
    // The last step of the transaction (announcing the moved conversations) fails.
    vi.spyOn(app.conversations, 'emitUpdated').mockImplementationOnce(() => {
      throw new Error('disk full');
    });
    expect(() => app.contacts.merge(lead, target, source)).toThrow('disk full');
    expect(counts(app)).toEqual(before);
    expect(app.conversations.get(lead, b.conversationId).contact.id).toBe(source);
    expect(app.contacts.get(lead, source).identities.map((i) => i.externalId)).toEqual(['support-1']);
  });
});
