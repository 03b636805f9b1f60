import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { ApiClient, uniq } from '../helpers/api-client';
import { eventually } from '../helpers/fake-http-api';
import { sendRawMail } from '../helpers/send-mail';
import { smtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { simpleMail } from '../fixtures/emails';

let server: TestServer;
let sink: SmtpSink;
let admin: ApiClient;
let anna: ApiClient;
let outsider: ApiClient;
let inbox: { id: number; address: string };

interface Msg {
  id: number;
  text: string;
  status: string;
  error: string | null;
  externalId: string | null;
  attachments: { id: number; filename: string; size: number; inline: boolean }[];
  email: { from: string; to: string[]; cc: string[]; subject: string | null; messageId: string | null } | null;
}

async function agent(name: string) {
  const email = `${uniq(name.toLowerCase().replace(/[^a-z]+/g, '.'))}@example.com`;
  const created = await admin.post('/api/users', { email, name, password: 'agent-password-1', role: 'agent' });
  expect(created.status).toBe(201);
  return { id: created.body.id as number, client: await ApiClient.login(server.url, email, 'agent-password-1') };
}

beforeAll(async () => {
  [server, sink] = await Promise.all([startServer(), smtpSink()]);
  admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
  const address = `${uniq('help').toLowerCase()}@acme.test`;
  const created = await admin.post('/api/inboxes', { name: 'Support', channel: 'email', address, outboundSmtpUrl: sink.url });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  inbox = { id: created.body.id, address };
  const a = await agent('Anna Nowak');
  await admin.post(`/api/inboxes/${inbox.id}/members`, { userId: a.id });
  anna = a.client;
  outsider = (await agent('Søren Holm')).client;
});
afterAll(async () => {
  await Promise.all([server?.stop(), sink?.close()]);
});

const mid = () => `<${uniq('c')}@customer.test>`;
const messagesOf = async (conversationId: number) => (await anna.get(`/api/conversations/${conversationId}/messages`)).body.items as Msg[];

/** A customer's first mail; returns its conversation. */
async function customerWrites(subject: string, id = mid(), headers: string[] = []) {
  const res = await sendRawMail(server.smtpPort, { from: 'zofia@customer.test', to: [inbox.address] }, simpleMail({ from: '"Zofia Łukasik" <zofia@customer.test>', to: inbox.address, subject, messageId: id, body: 'Dzień dobry', charset: 'UTF-8', encoding: 'quoted-printable', headers }));
  expect(res.code).toBe(250);
  const items = (await anna.get(`/api/conversations?inboxId=${inbox.id}`)).body.items as { id: number; subject: string }[];
  const conv = items.find((c) => c.subject === subject);
  expect(conv).toBeDefined();
  return { conversationId: conv!.id, messageId: id };
}

async function upload(client: ApiClient, conversationId: number, name: string, content: string, type = 'text/plain') {
  const form = new FormData();
  form.append('file', new Blob([content], { type }), name);
  const res = await fetch(`${server.url}/api/conversations/${conversationId}/attachments`, { method: 'POST', headers: client.headers(), body: form });
  return { status: res.status, body: await res.json() };
}

const settled = (conversationId: number, id: number, status: string) =>
  eventually(async () => (await messagesOf(conversationId)).find((m) => m.id === id && m.status === status), 20_000, `message ${id} ${status}`);

describe('Replying by email', () => {
  it('sends the reply through the inbox SMTP server with From, Message-ID, thread headers, subject, CC and the file; the answer continues the conversation', async () => {
    const { conversationId, messageId: first } = await customerWrites('Zamówienie 42');
    const file = await upload(anna, conversationId, 'Faktura łódź.txt', 'Zażółć gęślą jaźń');
    expect(file.status, JSON.stringify(file.body)).toBe(201);
    expect(file.body).toMatchObject({ filename: 'Faktura łódź.txt', contentType: 'text/plain', size: Buffer.byteLength('Zażółć gęślą jaźń') });

    const posted = await anna.post(`/api/conversations/${conversationId}/messages`, { text: 'Dzień dobry, w załączniku faktura.', cc: ['boss@customer.test'], attachmentIds: [file.body.id] });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    const reply = posted.body as Msg;
    expect(reply.attachments).toEqual([{ id: file.body.id, filename: 'Faktura łódź.txt', contentType: 'text/plain', size: file.body.size, inline: false }]);
    const ourId = reply.email!.messageId!;
    expect(ourId).toMatch(new RegExp(`^<sb-${reply.id}-[0-9a-f]+@acme\\.test>$`));
    expect(reply.externalId).toBe(ourId);

    await settled(conversationId, reply.id, 'sent');
    const mail = sink.mails.find((m) => m.parsed.messageId === ourId)!;
    expect(mail.envelope.to.sort()).toEqual(['boss@customer.test', 'zofia@customer.test']);
    expect(mail.parsed.from?.value[0]).toEqual({ name: 'Anna Nowak via Support', address: inbox.address });
    expect(mail.parsed.inReplyTo).toBe(first);
    expect(mail.parsed.references).toBe(first);
    expect(mail.parsed.subject).toBe('Re: Zamówienie 42');
    expect(mail.parsed.cc && !Array.isArray(mail.parsed.cc) ? mail.parsed.cc.value[0].address : null).toBe('boss@customer.test');
    expect(mail.parsed.text?.trim()).toBe('Dzień dobry, w załączniku faktura.');
    expect(mail.parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['Faktura łódź.txt', 'Zażółć gęślą jaźń']]);

    // The customer's answer names our Message-ID; Re: is not doubled on our side either.
    const answer = await sendRawMail(server.smtpPort, { from: 'zofia@customer.test', to: [inbox.address] }, simpleMail({ from: 'zofia@customer.test', to: inbox.address, subject: 'Re: Re: Zamówienie 42', messageId: mid(), body: 'Dziękuję!', charset: 'ISO-8859-2', encoding: 'base64', headers: [`In-Reply-To: ${ourId}`, `References: ${first} ${ourId}`] }));
    expect(answer.code).toBe(250);
    const thread = await eventually(async () => {
      const all = await messagesOf(conversationId);
      return all.length === 3 ? all : undefined;
    });
    expect(thread.map((m) => m.text)).toEqual(['Dzień dobry', 'Dzień dobry, w załączniku faktura.', 'Dziękuję!']);

    const second = await anna.post(`/api/conversations/${conversationId}/messages`, { text: 'Proszę bardzo.' });
    await settled(conversationId, second.body.id, 'sent');
    const secondMail = sink.mails.find((m) => m.parsed.messageId === second.body.email.messageId)!;
    expect(secondMail.parsed.subject).toBe('Re: Zamówienie 42');
    expect(secondMail.parsed.inReplyTo).toBe(thread[2].externalId);
    expect(secondMail.parsed.references).toEqual([first, ourId, thread[2].externalId]);
  }, 40_000);

  it('retries after a 4xx answer and succeeds later with the same Message-ID', async () => {
    const { conversationId } = await customerWrites('Retry please');
    sink.answerNext({ code: 451, message: '4.7.1 Greylisted, try again later' });
    const reply = (await anna.post(`/api/conversations/${conversationId}/messages`, { text: 'Hyvää päivää, äöå' })).body as Msg;
    await settled(conversationId, reply.id, 'sent');
    const attempts = sink.mails.filter((m) => m.parsed.messageId === reply.email!.messageId);
    expect(attempts.map((m) => m.answered)).toEqual([451, 250]);
    expect(attempts[1].parsed.text?.trim()).toBe('Hyvää päivää, äöå');
  }, 30_000);

  it('marks the reply failed with the server’s reason after a 5xx answer, without retrying', async () => {
    const { conversationId } = await customerWrites('Refused');
    sink.answerNext({ code: 550, message: '5.7.1 Relaying denied by policy' });
    const reply = (await anna.post(`/api/conversations/${conversationId}/messages`, { text: 'Rødgrød med fløde' })).body as Msg;
    const failed = await settled(conversationId, reply.id, 'failed');
    expect(failed.error).toContain('5.7.1 Relaying denied by policy');
    expect(sink.mails.filter((m) => m.parsed.messageId === reply.email!.messageId)).toHaveLength(1);
  }, 30_000);

  it('marks a sent reply failed when a bounce for it arrives; the bounce is not a customer message', async () => {
    const { conversationId } = await customerWrites('Bounce me');
    const reply = (await anna.post(`/api/conversations/${conversationId}/messages`, { text: 'Hello' })).body as Msg;
    await settled(conversationId, reply.id, 'sent');
    const boundary = `dsn-${uniq()}`;
    const dsn = [
      `From: Mail Delivery System <MAILER-DAEMON@mx.customer.test>`,
      `To: ${inbox.address}`,
      'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: ${mid()}`,
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'Your message could not be delivered.',
      `--${boundary}`,
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.customer.test',
      '',
      'Final-Recipient: rfc822; zofia@customer.test',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 <zofia@customer.test>: Recipient address rejected: User unknown',
      `--${boundary}`,
      'Content-Type: text/rfc822-headers',
      '',
      `From: ${inbox.address}`,
      `Message-ID: ${reply.email!.messageId}`,
      'Subject: Re: Bounce me',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    expect((await sendRawMail(server.smtpPort, { from: '', to: [inbox.address] }, dsn)).code).toBe(250);
    const failed = await settled(conversationId, reply.id, 'failed');
    expect(failed.error).toContain('550 5.1.1');
    expect(failed.error).toContain('User unknown');
    expect(await messagesOf(conversationId)).toHaveLength(2);
  }, 30_000);
});

describe('Files and fields of replies', () => {
  it('lets only members download a file, always as an attachment with nosniff and a safe name', async () => {
    const { conversationId } = await customerWrites('Files');
    const evil = await upload(anna, conversationId, '../../x\u0000\u202Eevil.html', '<script>alert(1)</script>', 'text/html');
    expect(evil.status).toBe(201);
    // Directories, control and bidi-override characters are gone.
    expect(evil.body.filename).toBe('xevil.html');
    const res = await fetch(`${server.url}/api/attachments/${evil.body.id}`, { headers: anna.headers() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="xevil.html"; filename*=UTF-8''xevil.html`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const outside = await fetch(`${server.url}/api/attachments/${evil.body.id}`, { headers: outsider.headers() });
    expect(outside.status).toBe(404);
    expect((await upload(outsider, conversationId, 'a.txt', 'x')).status).toBe(404);
    const huge = await upload(anna, conversationId, 'huge.bin', 'x'.repeat(10 * 1024 * 1024 + 1), 'application/octet-stream');
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    // A file sent with one message cannot be claimed by another conversation's reply.
    const other = await customerWrites('Other files');
    const wrong = await anna.post(`/api/conversations/${other.conversationId}/messages`, { text: 'x', attachmentIds: [evil.body.id] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('unknown_attachment');
  });

  it('refuses cc, subject and files for channels that cannot carry them', async () => {
    const api = (await admin.post('/api/inboxes', { name: 'API', channel: 'api' })).body as { id: number; inboundToken: string };
    const inboundClient = new ApiClient(server.url, { token: api.inboundToken });
    const created = await inboundClient.post(`/api/inboxes/${api.id}/inbound`, { contact: { externalId: 'c1', name: 'C' }, externalMessageId: uniq('e'), text: 'Hi' });
    const conv = created.body.conversationId as number;
    for (const extra of [{ cc: ['a@b.test'] }, { subject: 'Hello' }]) {
      const res = await admin.post(`/api/conversations/${conv}/messages`, { text: 'x', ...extra });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('unsupported_for_channel');
    }
    const file = await upload(admin, conv, 'a.txt', 'x');
    expect(file.status).toBe(400);
    expect(file.body.error.code).toBe('unsupported_for_channel');
  });
});
