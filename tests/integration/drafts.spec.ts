import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq, workspace } from '../helpers/api-client';
import { RealtimeClient } from '../helpers/realtime-client';
import { sendRawMail } from '../helpers/send-mail';
import { smtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { simpleMail } from '../fixtures/emails';
import type { Draft, DraftPair } from '../../src/lib/shared/schemas/draft';

let server: TestServer;
let sink: SmtpSink;
beforeAll(async () => {
  [server, sink] = await Promise.all([startServer(), smtpSink()]);
});
afterAll(async () => {
  await Promise.all([server?.stop(), sink?.close()]);
});

async function conversationWithAnna() {
  const ws = await workspace(server);
  const { body } = await inbound(server.url, ws.inbox, { text: 'Kiedy dotrze paczka?' });
  // Two devices of the same agent: two sessions.
  const laptop = await ws.login(ws.users.anna);
  const tablet = await ws.login(ws.users.anna);
  return { ws, id: body.conversationId, laptop, tablet };
}

describe('drafts shared between an agent’s devices', () => {
  it('shows a draft saved on one device on the other, live and on reload', async () => {
    const { id, laptop, tablet } = await conversationWithAnna();
    const live = new RealtimeClient(server.url, tablet);
    await live.connected();
    const saved = await laptop.request<Draft>('PUT', `/api/conversations/${id}/draft`, { kind: 'reply', text: 'Paczka wyjechała dziś', baseRevision: 0 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ conversationId: id, kind: 'reply', text: 'Paczka wyjechała dziś', revision: 1 });
    await live.until((events) => events.some((e) => e.type === 'draft.updated'));
    expect((await tablet.get<DraftPair>(`/api/conversations/${id}/draft`)).body.reply).toMatchObject({ text: 'Paczka wyjechała dziś', revision: 1 });
    live.close();
  });

  it('answers a stale save with 409 and the stored text, and saves nothing', async () => {
    const { id, laptop, tablet } = await conversationWithAnna();
    await laptop.request<Draft>('PUT', `/api/conversations/${id}/draft`, { kind: 'reply', text: 'Version A', baseRevision: 0 });
    const late = await tablet.request<Draft & { error: { code: string }; current: Draft }>('PUT', `/api/conversations/${id}/draft`, { kind: 'reply', text: 'Version B', baseRevision: 0 });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: { code: 'draft_conflict' }, current: { text: 'Version A', revision: 1 } });
    const resolved = await tablet.request<Draft & { error: { code: string }; current: Draft }>('PUT', `/api/conversations/${id}/draft`, { kind: 'reply', text: 'Version A and B', baseRevision: 1 });
    expect(resolved.body.revision).toBe(2);
  });

  it('clears the draft everywhere when the reply is sent', async () => {
    const { id, laptop, tablet } = await conversationWithAnna();
    await laptop.request<Draft>('PUT', `/api/conversations/${id}/draft`, { kind: 'reply', text: 'Sending soon', baseRevision: 0 });
    const live = new RealtimeClient(server.url, tablet);
    await live.connected();
    await laptop.post(`/api/conversations/${id}/messages`, { text: 'Sending soon' });
    await live.until((events) => events.some((e) => e.type === 'draft.updated' && e.type === 'draft.updated' && e.payload.draft.text === ''));
    expect((await tablet.get<DraftPair>(`/api/conversations/${id}/draft`)).body.reply).toMatchObject({ text: '', revision: 2 });
    live.close();
  });

  it('keeps drafts private to their author and hidden from outsiders', async () => {
    const { ws, id, laptop } = await conversationWithAnna();
    await laptop.request<Draft>('PUT', `/api/conversations/${id}/draft`, { kind: 'note', text: 'Private thought', baseRevision: 0 });
    const mikko = await ws.login(ws.users.mikko);
    expect((await mikko.get<DraftPair>(`/api/conversations/${id}/draft`)).body.note.text).toBe('');
    const outsider = await ws.login(ws.users.outsider);
    expect((await outsider.get<DraftPair>(`/api/conversations/${id}/draft`)).status).toBe(404);
    expect((await outsider.request<unknown>('PUT', `/api/conversations/${id}/draft`, { kind: 'reply', text: 'x', baseRevision: 0 })).status).toBe(404);
  });

  it('refuses a malformed draft with a clear error', async () => {
    const { id, laptop } = await conversationWithAnna();
    const bad = await laptop.request<{ error: { code: string } }>('PUT', `/api/conversations/${id}/draft`, { kind: 'reply', text: 'x', baseRevision: -1, extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    const anonymous = await new ApiClient(server.url).get<DraftPair>(`/api/conversations/${id}/draft`);
    expect(anonymous.status).toBe(401);
  });
});

/** Anna's laptop and tablet on a customer's mail in an email inbox she belongs to. */
async function emailConversationWithAnna() {
  const ws = await workspace(server);
  const address = `${uniq('help').toLowerCase()}@acme.test`;
  const inbox = await ws.admin.post<{ id: number }>('/api/inboxes', { name: 'Mail', channel: 'email', address, outboundSmtpUrl: sink.url });
  expect(inbox.status, JSON.stringify(inbox.body)).toBe(201);
  await ws.admin.post(`/api/inboxes/${inbox.body.id}/members`, { userId: ws.users.anna.id });
  const subject = uniq('Reklamacja');
  const mail = simpleMail({ from: '"Zofia Łukasik" <zofia@customer.test>', to: address, subject, messageId: `<${uniq('m')}@customer.test>`, body: 'Dzień dobry', charset: 'UTF-8', encoding: '8bit' });
  expect((await sendRawMail(server.smtpPort, { from: 'zofia@customer.test', to: [address] }, mail)).code).toBe(250);
  const laptop = await ws.login(ws.users.anna);
  const tablet = await ws.login(ws.users.anna);
  const list = await laptop.get<{ items: { id: number; subject: string }[] }>(`/api/conversations?inboxId=${inbox.body.id}`);
  const id = list.body.items.find((c) => c.subject === subject)!.id;
  const upload = async (client: ApiClient, name: string, conversationId = id) => {
    const form = new FormData();
    form.append('file', new Blob([`content of ${name}`], { type: 'application/pdf' }), name);
    const res = await fetch(`${server.url}/api/conversations/${conversationId}/attachments`, { method: 'POST', headers: client.headers(), body: form });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: number }).id;
  };
  return { ws, id, laptop, tablet, upload };
}

type Answer = Draft & { error: { code: string; message: string }; current: Draft };

describe('the email fields of a reply draft', () => {
  it('carries subject, Cc and files to the other device, and refuses a stale change of a field alone', async () => {
    const { id, laptop, tablet, upload } = await emailConversationWithAnna();
    const file = await upload(laptop, 'faktura.pdf');
    const saved = await laptop.request<Answer>('PUT', `/api/conversations/${id}/draft`, { kind: 'reply', text: 'W załączniku', subject: 'Faktura ', cc: ['Szef@Customer.test'], attachmentIds: [file], baseRevision: 0 });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ subject: 'Faktura ', cc: ['szef@customer.test'], attachments: [{ id: file, filename: 'faktura.pdf' }], revision: 1 });
    expect((await tablet.get<DraftPair>(`/api/conversations/${id}/draft`)).body.reply).toMatchObject({ subject: 'Faktura ', cc: ['szef@customer.test'], attachments: [{ id: file }], revision: 1 });

    await laptop.request('PUT', `/api/conversations/${id}/draft`, { kind: 'reply', text: 'W załączniku', subject: 'Faktura 4711', cc: ['szef@customer.test'], attachmentIds: [file], baseRevision: 1 });
    // The tablet, still on revision 1, changes only the Cc: refused with the laptop's subject.
    const late = await tablet.request<Answer>('PUT', `/api/conversations/${id}/draft`, { kind: 'reply', text: 'W załączniku', subject: 'Faktura ', cc: ['ksiegowa@customer.test'], attachmentIds: [file], baseRevision: 1 });
    expect(late.status).toBe(409);
    expect(late.body.current).toMatchObject({ subject: 'Faktura 4711', cc: ['szef@customer.test'], revision: 2 });
    const merged = await tablet.request<Answer>('PUT', `/api/conversations/${id}/draft`, { kind: 'reply', text: 'W załączniku', subject: 'Faktura 4711', cc: ['szef@customer.test', 'ksiegowa@customer.test'], attachmentIds: [file], baseRevision: 2 });
    expect(merged.body).toMatchObject({ cc: ['szef@customer.test', 'ksiegowa@customer.test'], revision: 3 });
  });

  it('clears the subject, Cc and files on every device when the reply is sent', async () => {
    const { id, laptop, tablet, upload } = await emailConversationWithAnna();
    const file = await upload(laptop, 'etykieta.pdf');
    await laptop.request('PUT', `/api/conversations/${id}/draft`, { kind: 'reply', text: 'Etykieta zwrotna', subject: 'Zwrot', cc: ['szef@customer.test'], attachmentIds: [file], baseRevision: 0 });
    const live = new RealtimeClient(server.url, tablet);
    await live.connected();
    const posted = await laptop.post(`/api/conversations/${id}/messages`, { text: 'Etykieta zwrotna', subject: 'Zwrot', cc: ['szef@customer.test'], attachmentIds: [file] });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    await live.until((events) => events.some((e) => e.type === 'draft.updated' && e.payload.draft.revision === 2));
    expect((await tablet.get<DraftPair>(`/api/conversations/${id}/draft`)).body.reply).toMatchObject({ text: '', subject: null, cc: [], attachments: [], revision: 2 });
    live.close();
  });

  it('leaves out files that are not the agent’s unsent uploads of this conversation', async () => {
    const { ws, id, laptop, upload } = await emailConversationWithAnna();
    const mine = await upload(laptop, 'mine.pdf');
    const other = await emailConversationWithAnna();
    const elsewhere = await other.upload(other.laptop, 'elsewhere.pdf');
    const adminsFile = await upload(ws.admin, 'admin.pdf');
    const saved = await laptop.request<Answer>('PUT', `/api/conversations/${id}/draft`, { kind: 'reply', text: 'x', attachmentIds: [elsewhere, mine, adminsFile], baseRevision: 0 });
    expect(saved.status).toBe(200);
    expect(saved.body.attachments.map((a) => a.id)).toEqual([mine]);
  });

  it('refuses a subject or Cc list the mail could not carry, with a clear error', async () => {
    const { id, laptop } = await emailConversationWithAnna();
    const put = (fields: Record<string, unknown>) => laptop.request<Answer>('PUT', `/api/conversations/${id}/draft`, { kind: 'reply', text: 'x', baseRevision: 0, ...fields });
    const bad = [
      { subject: 'x'.repeat(301) },
      { subject: 'Line one\r\nBcc: everyone@example.com' },
      { cc: ['not-an-address'] },
      { cc: ['a@example.com', 'A@example.com'] },
      { cc: Array.from({ length: 21 }, (_, i) => `person${i}@example.com`) },
      { attachmentIds: Array.from({ length: 11 }, (_, i) => i + 1) },
    ];
    for (const fields of bad) {
      const res = await put(fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
    expect((await laptop.get<DraftPair>(`/api/conversations/${id}/draft`)).body.reply.revision).toBe(0);
    expect((await put({ subject: 'x'.repeat(300), cc: Array.from({ length: 20 }, (_, i) => `person${i}@example.com`) })).status).toBe(200);
  });
});
