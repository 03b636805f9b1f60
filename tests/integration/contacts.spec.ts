import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq, workspace, type CreatedInbox, type ErrorBody, type MessageBody, type Page } from '../helpers/api-client';
import { RealtimeClient } from '../helpers/realtime-client';

type Identity = { inboxId: number; channel: string; externalId: string; display: string };
type ContactDetail = { id: number; name: string; email: string | null; identities: Identity[]; conversations: { id: number; inboxId: number; contact: { id: number } }[] };
type ContactList = Page<ContactDetail & { conversationCount: number }>;

let server: TestServer;
const sockets: RealtimeClient[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server?.stop();
});

/**
 * Two API inboxes ("shop" with Anna, and "support"), a lead in both, and one customer who wrote
 * to each under a different id: two contacts that are one person.
 */
async function setup() {
  const ws = await workspace(server);
  const support = (await ws.admin.post<CreatedInbox & { inboundToken: string }>('/api/inboxes', { name: uniq('Support'), channel: 'api' })).body;
  const leadEmail = `${uniq('lead')}@example.com`;
  const lead = (await ws.admin.post<{ id: number }>('/api/users', { email: leadEmail, name: 'Lena Lead', password: 'agent-password-1', role: 'lead' })).body;
  for (const inboxId of [ws.inbox.id, support.id]) await ws.admin.post(`/api/inboxes/${inboxId}/members`, { userId: lead.id });
  const person = uniq('kasia');
  const first = await inbound(server.url, ws.inbox, { contact: { externalId: `${person}-shop`, name: `Kasia ${person}` }, text: 'Where is my order?' });
  const second = await inbound(server.url, support, { contact: { externalId: `${person}-support`, name: 'K. Zielińska', email: `${person}@example.com` }, text: 'Hello again' });
  const conversation = async (id: number) => (await ws.admin.get<{ contact: { id: number } }>(`/api/conversations/${id}`)).body;
  const target = (await conversation(first.body.conversationId)).contact.id;
  const source = (await conversation(second.body.conversationId)).contact.id;
  return { ws, support, person, lead: await ApiClient.login(server.url, leadEmail, 'agent-password-1'), target, source, conversations: [first.body.conversationId, second.body.conversationId] };
}

describe('contacts', () => {
  it('finds contacts by name, email or channel id, among those the caller can see only', async () => {
    const { ws, person, target, source } = await setup();
    const anna = await ws.login(ws.users.anna);
    const outsider = await ws.login(ws.users.outsider);

    const byAdmin = await ws.admin.get<ContactList>(`/api/contacts?q=${encodeURIComponent(person)}`);
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.items.map((c) => c.id).sort()).toEqual([target, source].sort());
    expect((await ws.admin.get<ContactList>(`/api/contacts?q=${person}@example.com`)).body.items.map((c) => c.id)).toEqual([source]);
    expect((await ws.admin.get<ContactList>(`/api/contacts?q=${person}&exclude=${target}`)).body.items.map((c) => c.id)).toEqual([source]);

    // Anna works the shop inbox only: she finds the shop contact, with the shop identity only.
    const byAnna = (await anna.get<ContactList>(`/api/contacts?q=${person}`)).body.items;
    expect(byAnna.map((c) => c.id)).toEqual([target]);
    expect(byAnna[0]).toMatchObject({ conversationCount: 1, identities: [{ inboxId: ws.inbox.id, channel: 'api', externalId: `${person}-shop`, display: `${person}-shop` }] });

    expect((await outsider.get<ContactList>(`/api/contacts?q=${person}`)).body.items).toEqual([]);
    expect((await outsider.get<ErrorBody>(`/api/contacts/${target}`)).status).toBe(404);
    expect((await anna.get<ErrorBody>(`/api/contacts/${source}`)).status).toBe(404);
    expect((await ws.admin.get<ErrorBody>('/api/contacts?q=')).status).toBe(400);
    expect((await ws.admin.get<ErrorBody>('/api/contacts/abc')).status).toBe(404);
  });

  it('lets a lead merge two contacts into one, moving identities, conversations and authorship, and tells open consoles', async () => {
    const { ws, support, person, lead, target, source, conversations } = await setup();
    const rt = new RealtimeClient(server.url, ws.admin);
    sockets.push(rt);
    await rt.connected();

    const merged = await lead.post<ContactDetail>(`/api/contacts/${target}/merge`, { sourceContactId: source });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).toMatchObject({ id: target, name: `Kasia ${person}`, email: `${person}@example.com` });
    expect(merged.body.identities.map((i) => i.inboxId).sort()).toEqual([ws.inbox.id, support.id].sort());
    expect(merged.body.conversations.map((c) => c.id).sort()).toEqual([...conversations].sort());

    expect((await lead.get<ErrorBody>(`/api/contacts/${source}`)).status).toBe(404);
    const moved = await ws.admin.get<{ contact: { id: number; name: string; identities: Identity[] } }>(`/api/conversations/${conversations[1]}`);
    expect(moved.body.contact).toMatchObject({ id: target, name: `Kasia ${person}` });
    const thread = await ws.admin.get<Page<MessageBody & { author: { type: string; id: number } | null }>>(`/api/conversations/${conversations[1]}/messages`);
    expect(thread.body.items.find((m) => m.direction === 'incoming')?.author).toMatchObject({ type: 'contact', id: target });

    // The customer writes again on the support channel: it lands on the merged contact.
    await inbound(server.url, support, { contact: { externalId: `${person}-support`, name: 'K. Zielińska' }, text: 'Any news?' });
    expect((await ws.admin.get<{ contact: { id: number } }>(`/api/conversations/${conversations[1]}`)).body.contact.id).toBe(target);

    await rt.until((events) =>
      conversations.every((id) => events.some((e) => e.type === 'conversation.updated' && e.payload.conversation.id === id && e.payload.changes.includes('contact') && e.payload.conversation.contact.id === target)),
    );

    const again = await lead.post<ErrorBody>(`/api/contacts/${target}/merge`, { sourceContactId: source });
    expect(again.status).toBe(404);
    expect(again.body.error.message).toMatch(/merged already/);
  });

  it('refuses agents (403), contacts the caller cannot see (404) and a contact merged into itself (400)', async () => {
    const { ws, target, source } = await setup();
    const anna = await ws.login(ws.users.anna);
    const outsider = await ws.login(ws.users.outsider);
    const refused = await anna.post<ErrorBody>(`/api/contacts/${target}/merge`, { sourceContactId: source });
    expect(refused.status).toBe(403);
    expect((await outsider.post<ErrorBody>(`/api/contacts/${target}/merge`, { sourceContactId: source })).status).toBe(403);

    // A lead of the shop inbox only cannot see the support contact.
    const email = `${uniq('lead')}@example.com`;
    const shopLead = (await ws.admin.post<{ id: number }>('/api/users', { email, name: 'Shop Lead', password: 'agent-password-1', role: 'lead' })).body;
    await ws.admin.post(`/api/inboxes/${ws.inbox.id}/members`, { userId: shopLead.id });
    const shopLeadClient = await ApiClient.login(server.url, email, 'agent-password-1');
    expect((await shopLeadClient.post<ErrorBody>(`/api/contacts/${target}/merge`, { sourceContactId: source })).status).toBe(404);
    expect((await shopLeadClient.post<ErrorBody>(`/api/contacts/${source}/merge`, { sourceContactId: target })).status).toBe(404);

    const self = await ws.admin.post<ErrorBody>(`/api/contacts/${target}/merge`, { sourceContactId: target });
    expect(self.status).toBe(400);
    expect(self.body.error.code).toBe('same_contact');
    expect((await ws.admin.post<ErrorBody>(`/api/contacts/${target}/merge`, { sourceContactId: 'x' })).status).toBe(400);

    // Nothing moved.
    expect((await ws.admin.get<ContactDetail>(`/api/contacts/${source}`)).body.conversations).toHaveLength(1);
    expect((await ws.admin.get<ContactDetail>(`/api/contacts/${target}`)).body.conversations).toHaveLength(1);
  });

  it('refuses, changing nothing, to merge two contacts with identities in the same inbox', async () => {
    const { ws } = await setup();
    const a = await inbound(server.url, ws.inbox, { contact: { externalId: uniq('a'), name: 'Jens A' }, text: 'one' });
    const b = await inbound(server.url, ws.inbox, { contact: { externalId: uniq('b'), name: 'Jens B' }, text: 'two' });
    const contactOf = async (id: number) => (await ws.admin.get<{ contact: { id: number } }>(`/api/conversations/${id}`)).body.contact.id;
    const [ca, cb] = [await contactOf(a.body.conversationId), await contactOf(b.body.conversationId)];
    const res = await ws.admin.post<ErrorBody>(`/api/contacts/${ca}/merge`, { sourceContactId: cb });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('identity_conflict');
    expect(await contactOf(b.body.conversationId)).toBe(cb);
    expect((await ws.admin.get<ContactDetail>(`/api/contacts/${cb}`)).body.identities).toHaveLength(1);
  });
});
