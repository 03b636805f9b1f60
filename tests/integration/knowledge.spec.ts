import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq, workspace, type ErrorBody } from '../helpers/api-client';

type Entry = { id: number; kind: string; title: string; body: string; tags: string[]; language: string | null; shortcut: string | null; inboxIds: number[]; createdBy: number | null };
type List = { items: Entry[]; preferredLanguage: string | null };

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

/** The API workspace plus a lead who works the shop inbox. */
async function setup() {
  const ws = await workspace(server);
  const email = `${uniq('lead')}@example.com`;
  const lead = (await ws.admin.post<{ id: number }>('/api/users', { email, name: 'Lena Lead', password: 'agent-password-1', role: 'lead', locale: 'fi' })).body;
  await ws.admin.post(`/api/inboxes/${ws.inbox.id}/members`, { userId: lead.id });
  return { ...ws, lead: await ApiClient.login(server.url, email, 'agent-password-1'), leadId: lead.id };
}

const ids = (list: List) => list.items.map((e) => e.id);

describe('knowledge base', () => {
  it('lets a lead create, read, change and delete an entry, and keeps agents to reading', async () => {
    const ws = await setup();
    const anna = await ws.login(ws.users.anna);
    const word = uniq('refund').replace(/-/g, '');

    const created = await ws.lead.post<Entry>('/api/knowledge', {
      kind: 'response',
      title: `Refund ${word}`,
      body: 'Hi {{contact.first_name}}, your refund is on its way. {{agent.first_name}}',
      tags: ['refunds', 'refunds', 'billing'],
      language: 'en',
      shortcut: ` Refund-${word.slice(-6)} `,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'response', tags: ['refunds', 'billing'], language: 'en', shortcut: `refund-${word.slice(-6)}`, inboxIds: [], createdBy: ws.leadId });

    const read = await anna.get<Entry>(`/api/knowledge/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.title).toBe(`Refund ${word}`);

    const patched = await ws.lead.patch<Entry>(`/api/knowledge/${created.body.id}`, { title: `Money back ${word}`, language: null });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: `Money back ${word}`, language: null, body: created.body.body });
    // The index follows the change: the old title is gone, the new one is found.
    expect(ids((await anna.get<List>(`/api/knowledge?q=money ${word}`)).body)).toEqual([created.body.id]);

    for (const attempt of [
      anna.post<ErrorBody>('/api/knowledge', { kind: 'article', title: 'x', body: 'y' }),
      anna.patch<ErrorBody>(`/api/knowledge/${created.body.id}`, { title: 'mine now' }),
      anna.delete<ErrorBody>(`/api/knowledge/${created.body.id}`),
    ]) {
      const res = await attempt;
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }

    expect((await ws.lead.delete(`/api/knowledge/${created.body.id}`)).status).toBe(200);
    expect((await anna.get<ErrorBody>(`/api/knowledge/${created.body.id}`)).status).toBe(404);
    expect(ids((await anna.get<List>(`/api/knowledge?q=${word}`)).body)).toEqual([]);
  });

  it('answers bad input with a clear error', async () => {
    const ws = await setup();
    const bad = await ws.lead.post<ErrorBody>('/api/knowledge', { kind: 'memo', title: '', body: 'x', shortcut: 'two words' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    expect(bad.body.error.message).toMatch(/kind/);
    expect(bad.body.error.message).toMatch(/shortcut/);
    expect((await ws.lead.patch<ErrorBody>('/api/knowledge/999999', { title: 'x' })).status).toBe(404);
    expect((await ws.lead.get<ErrorBody>('/api/knowledge?language=de')).body.error.code).toBe('invalid_query');
    // A lead may not restrict an entry to an inbox they cannot see.
    const elsewhere = await ws.lead.post<ErrorBody>('/api/knowledge', { kind: 'article', title: 'x', body: 'y', inboxIds: [ws.otherInbox.id] });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.code).toBe('unknown_inbox');
  });

  it('shows entries meant for some inboxes only to those who can see one of them', async () => {
    const ws = await setup();
    const anna = await ws.login(ws.users.anna);
    const outsider = await ws.login(ws.users.outsider);
    const tag = uniq('vis').replace(/-/g, '');
    const shopOnly = (await ws.admin.post<Entry>('/api/knowledge', { kind: 'article', title: `Shop returns ${tag}`, body: 'Returns go to the warehouse.', inboxIds: [ws.inbox.id] })).body;
    const otherOnly = (await ws.admin.post<Entry>('/api/knowledge', { kind: 'article', title: `Other inbox ${tag}`, body: 'Internal.', inboxIds: [ws.otherInbox.id] })).body;
    const everyone = (await ws.admin.post<Entry>('/api/knowledge', { kind: 'response', title: `Greeting ${tag}`, body: 'Hello!' })).body;

    expect(ids((await anna.get<List>(`/api/knowledge?q=${tag}`)).body).sort()).toEqual([shopOnly.id, everyone.id].sort());
    expect(ids((await outsider.get<List>(`/api/knowledge?q=${tag}`)).body).sort()).toEqual([otherOnly.id, everyone.id].sort());
    expect(ids((await ws.admin.get<List>(`/api/knowledge?q=${tag}&inboxId=${ws.otherInbox.id}`)).body).sort()).toEqual([otherOnly.id, everyone.id].sort());
    expect(ids((await ws.admin.get<List>(`/api/knowledge?q=${tag}&kind=article`)).body).sort()).toEqual([shopOnly.id, otherOnly.id].sort());
    // Without words: everything the caller may see, filters applied.
    const all = (await anna.get<List>(`/api/knowledge?kind=article&limit=200`)).body;
    expect(ids(all)).toContain(shopOnly.id);
    expect(ids(all)).not.toContain(otherOnly.id);
    expect(ids(all)).not.toContain(everyone.id);
    expect((await outsider.get<ErrorBody>(`/api/knowledge/${shopOnly.id}`)).status).toBe(404);
    // A lead cannot change what they cannot see.
    expect((await ws.lead.patch<ErrorBody>(`/api/knowledge/${otherOnly.id}`, { title: 'x' })).status).toBe(404);
  });

  it('finds Polish and Finnish entries typed without accents, and prefers the customer’s language', async () => {
    const ws = await setup();
    const anna = await ws.login(ws.users.anna);
    const tag = uniq('lang').replace(/-/g, '');
    const pl = (await ws.lead.post<Entry>('/api/knowledge', { kind: 'response', title: 'Zwrot pieniędzy za zamówienie', body: 'Dzień dobry {{contact.first_name}}, zwrot został zlecony.', tags: [tag], language: 'pl', shortcut: 'zwrot' })).body;
    const fi = (await ws.lead.post<Entry>('/api/knowledge', { kind: 'response', title: 'Hyvityksen käsittely', body: 'Hei {{contact.first_name}}, hyvitys näkyy tililläsi 3–5 päivässä.', tags: [tag], language: 'fi', shortcut: 'hyvitys' })).body;
    const en = (await ws.lead.post<Entry>('/api/knowledge', { kind: 'response', title: 'Refund issued', body: 'Hi {{contact.first_name}}, the refund is issued.', tags: [tag], language: 'en', shortcut: `r${tag.slice(-5)}` })).body;

    expect(ids((await anna.get<List>(`/api/knowledge?q=zamowienie pieniedzy`)).body)).toContain(pl.id);
    expect(ids((await anna.get<List>(`/api/knowledge?q=kasittely paivassa`)).body)).toContain(fi.id);
    expect(ids((await anna.get<List>('/api/knowledge?q=ZWRÓT')).body)[0]).toBe(pl.id);

    // The shortcut comes first, before entries that only mention the word in the body.
    const byShortcut = (await anna.get<List>(`/api/knowledge?q=hyvi`)).body;
    expect(byShortcut.items[0].id).toBe(fi.id);

    // No conversation: the caller's own language (the lead reads Finnish) comes first.
    const leadView = (await ws.lead.get<List>(`/api/knowledge?q=${tag}`)).body;
    expect(leadView.preferredLanguage).toBe('fi');
    expect(ids(leadView)[0]).toBe(fi.id);
    // An explicit language keeps only that language (and entries for any language).
    expect(ids((await anna.get<List>(`/api/knowledge?q=${tag}&language=en`)).body)).toEqual([en.id]);

    // A Polish customer's conversation puts the Polish answer first.
    const conv = await inbound(server.url, ws.inbox, { contact: { externalId: uniq('c'), name: 'Zofia Łukasik' }, text: 'Dzień dobry, nie dostałam jeszcze zwrotu za zamówienie. Pozdrawiam' });
    const forConversation = (await anna.get<List>(`/api/knowledge?q=${tag}&conversationId=${conv.body.conversationId}`)).body;
    expect(forConversation.preferredLanguage).toBe('pl');
    expect(ids(forConversation).sort()).toEqual([pl.id, en.id, fi.id].sort());
    expect(ids(forConversation)[0]).toBe(pl.id);
    // Someone who cannot see the conversation learns nothing about it.
    const outsider = await ws.login(ws.users.outsider);
    expect((await outsider.get<ErrorBody>(`/api/knowledge?q=${tag}&conversationId=${conv.body.conversationId}`)).status).toBe(404);
  });
});
