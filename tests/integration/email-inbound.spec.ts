import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { ApiClient, uniq } from '../helpers/api-client';
import { eventually } from '../helpers/fake-http-api';
import { sendRawMail, smtpDialogue } from '../helpers/send-mail';
import { base64Lines, encodedWord, PNG, quotedPrintable, rfc2231, simpleMail } from '../fixtures/emails';

const MAX_BYTES = 200_000;

let server: TestServer;
let admin: ApiClient;

beforeAll(async () => {
  server = await startServer({ env: { SMTP_MAX_BYTES: String(MAX_BYTES) } });
  admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
});
afterAll(async () => {
  await server?.stop();
});

interface Msg {
  id: number;
  text: string;
  html: string | null;
  externalId: string | null;
  attachments: { id: number; filename: string; contentType: string; size: number; inline: boolean }[];
  email: { from: string; to: string[]; cc: string[]; subject: string | null; messageId: string | null; autoSubmitted: boolean } | null;
}
interface Conv {
  id: number;
  subject: string | null;
  contact: { name: string; email: string | null };
}

async function emailInbox() {
  const address = `${uniq('support').toLowerCase()}@acme.test`;
  const res = await admin.post('/api/inboxes', { name: 'Support', channel: 'email', address, outboundSmtpUrl: 'smtp://user:secret-pass-1@127.0.0.1:1' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as number, address, body: res.body };
}

const conversationsOf = async (inboxId: number) => (await admin.get(`/api/conversations?inboxId=${inboxId}`)).body.items as Conv[];
const messagesOf = async (conversationId: number) => (await admin.get(`/api/conversations/${conversationId}/messages`)).body.items as Msg[];
const mid = () => `<${uniq('m')}@customer.test>`;
const send = (to: string, raw: Buffer | string, from = 'customer@customer.test') => sendRawMail(server.smtpPort, { from, to: [to] }, raw);

/** Sends, expects 250, and returns the only conversation's messages. */
async function deliverOne(raw: Buffer) {
  const inbox = await emailInbox();
  const res = await send(inbox.address, raw);
  expect(res.code, res.text).toBe(250);
  const [conv] = await conversationsOf(inbox.id);
  return { inbox, conv, messages: await messagesOf(conv.id) };
}

describe('Email inbox setup', () => {
  it('shows the inbound address and the outbound server without the password, and refuses a second inbox for the address with 409', async () => {
    const inbox = await emailInbox();
    expect(inbox.body.settings).toMatchObject({ inboundAddress: inbox.address, outboundSmtpHost: '127.0.0.1', outboundSmtpPort: 1, outboundSmtpUser: 'user' });
    expect(JSON.stringify(inbox.body)).not.toContain('secret-pass-1');
    const dup = await admin.post('/api/inboxes', { name: 'Again', channel: 'email', address: inbox.address.toUpperCase(), outboundSmtpUrl: 'smtp://x@127.0.0.1:25' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('address_taken');
    const bad = await admin.post('/api/inboxes', { name: 'Bad', channel: 'email', address: 'not-an-address', outboundSmtpUrl: 'http://example.com' });
    expect(bad.status).toBe(400);
  });
});

describe('Receiving email over SMTP', () => {
  it('decodes ISO-8859-2 quoted-printable Polish text with an RFC 2047 subject and sender name', async () => {
    const { conv, messages } = await deliverOne(
      simpleMail({
        from: `${encodedWord('Zofia Łukasik', 'ISO-8859-2', 'Q')} <zofia@customer.test>`,
        to: 'support',
        subject: encodedWord('Zażółć gęślą jaźń', 'ISO-8859-2', 'Q'),
        messageId: mid(),
        body: 'Zażółć gęślą jaźń\nDzień dobry!',
        charset: 'ISO-8859-2',
        encoding: 'quoted-printable',
      }),
    );
    expect(conv.subject).toBe('Zażółć gęślą jaźń');
    expect(conv.contact).toMatchObject({ name: 'Zofia Łukasik', email: 'zofia@customer.test' });
    expect(messages[0].text).toBe('Zażółć gęślą jaźń\nDzień dobry!');
  });

  it('decodes Windows-1250 base64 Polish text', async () => {
    const { conv, messages } = await deliverOne(
      simpleMail({ from: 'zofia@customer.test', to: 'support', subject: encodedWord('Pytanie – faktura', 'windows-1250'), messageId: mid(), body: 'Zażółć gęślą jaźń', charset: 'windows-1250', encoding: 'base64' }),
    );
    expect(conv.subject).toBe('Pytanie – faktura');
    expect(messages[0].text).toBe('Zażółć gęślą jaźń');
  });

  it('decodes ISO-8859-1 Finnish and ISO-8859-15 Danish, 8bit and quoted-printable', async () => {
    const fi = await deliverOne(
      simpleMail({ from: `${encodedWord('Mikko Häkkinen', 'ISO-8859-1')} <mikko@customer.test>`, to: 'support', subject: 'Tilaus', messageId: mid(), body: 'Hyvää päivää, äöå', charset: 'ISO-8859-1', encoding: '8bit' }),
    );
    expect(fi.messages[0].text).toBe('Hyvää päivää, äöå');
    expect(fi.conv.contact.name).toBe('Mikko Häkkinen');
    const da = await deliverOne(
      simpleMail({ from: 'soren@customer.test', to: 'support', subject: encodedWord('Rødgrød med fløde €', 'ISO-8859-15', 'Q'), messageId: mid(), body: 'Rødgrød med fløde - 10 €', charset: 'ISO-8859-15', encoding: 'quoted-printable' }),
    );
    expect(da.conv.subject).toBe('Rødgrød med fløde €');
    expect(da.messages[0].text).toBe('Rødgrød med fløde - 10 €');
  });

  it('takes multipart/alternative with related cid images and an RFC 2231 named attachment: sanitised HTML, embedded image, listed file', async () => {
    const boundary = (n: string) => `b-${n}-${uniq()}`;
    const [alt, rel, mixed] = [boundary('alt'), boundary('rel'), boundary('mix')];
    const html = '<p onclick="x()">Zażółć <b>gęślą</b> jaźń</p><img src="cid:logo@customer.test"><script>alert(1)</script><blockquote type="cite" class="gmail_quote">old</blockquote>';
    const raw = [
      'From: "Zofia" <zofia@customer.test>',
      'To: support',
      `Subject: ${encodedWord('Zdjęcie faktury', 'UTF-8')}`,
      `Message-ID: ${mid()}`,
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${mixed}"`,
      '',
      `--${mixed}`,
      `Content-Type: multipart/related; boundary="${rel}"`,
      '',
      `--${rel}`,
      `Content-Type: multipart/alternative; boundary="${alt}"`,
      '',
      `--${alt}`,
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      quotedPrintable(Buffer.from('Zażółć gęślą jaźń')),
      `--${alt}`,
      'Content-Type: text/html; charset=UTF-8',
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(Buffer.from(html)),
      `--${alt}--`,
      `--${rel}`,
      'Content-Type: image/png',
      'Content-Transfer-Encoding: base64',
      'Content-ID: <logo@customer.test>',
      'Content-Disposition: inline',
      '',
      base64Lines(PNG),
      `--${rel}--`,
      `--${mixed}`,
      'Content-Type: application/pdf',
      'Content-Transfer-Encoding: base64',
      `Content-Disposition: attachment;\r\n ${rfc2231('filename', '../../etc/Faktura żółta nr 7.pdf', 'ISO-8859-2')}`,
      '',
      base64Lines(Buffer.from('%PDF-1.4 fake')),
      `--${mixed}--`,
      '',
    ].join('\r\n');
    const { messages } = await deliverOne(Buffer.from(raw));
    const [m] = messages;
    expect(m.text).toBe('Zażółć gęślą jaźń');
    expect(m.html).toContain('Zażółć <b>gęślą</b> jaźń');
    expect(m.html).not.toMatch(/onclick|script|cid:/);
    expect(m.html).toContain(`src="data:image/png;base64,${PNG.toString('base64')}"`);
    expect(m.html).toContain('<blockquote type="cite" class="gmail_quote">old</blockquote>');
    const file = m.attachments.find((a) => !a.inline)!;
    expect(file).toMatchObject({ filename: 'Faktura żółta nr 7.pdf', contentType: 'application/pdf', size: 13 });
    expect(m.attachments.find((a) => a.inline)).toMatchObject({ contentType: 'image/png', size: PNG.length });
    const download = await fetch(`${server.url}/api/attachments/${file.id}`, { headers: admin.headers() });
    expect(download.status).toBe(200);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="Faktura zota nr 7.pdf"; filename*=UTF-8''${encodeURIComponent('Faktura żółta nr 7.pdf')}`);
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe('%PDF-1.4 fake');
  });

  it('records the sender, recipients and Message-ID, and flags machine mail as auto-submitted', async () => {
    const inbox = await emailInbox();
    const human = mid();
    expect((await send(inbox.address, simpleMail({ from: 'ola@customer.test', to: `${inbox.address}, ola2@customer.test`, subject: 'Hi', messageId: human, body: 'Hi', charset: 'UTF-8', encoding: '8bit', headers: ['Cc: boss@customer.test'] }))).code).toBe(250);
    for (const header of ['Auto-Submitted: auto-replied', 'Precedence: bulk', 'X-Loop: helpdesk@customer.test']) {
      expect((await send(inbox.address, simpleMail({ from: 'robot@customer.test', to: inbox.address, subject: 'Out of office', messageId: mid(), body: 'Away', charset: 'UTF-8', encoding: '8bit', headers: [header] }))).code).toBe(250);
    }
    const convs = await conversationsOf(inbox.id);
    const all = (await Promise.all(convs.map((c) => messagesOf(c.id)))).flat();
    const first = all.find((m) => m.externalId === human)!;
    expect(first.email).toEqual({ from: 'ola@customer.test', to: [inbox.address, 'ola2@customer.test'], cc: ['boss@customer.test'], subject: 'Hi', messageId: human, autoSubmitted: false });
    const machine = all.filter((m) => m.externalId !== human);
    expect(machine).toHaveLength(3);
    expect(machine.every((m) => m.email?.autoSubmitted === true)).toBe(true);
  });

  it('continues a conversation when a reply names an earlier message in In-Reply-To or References, and starts a new one otherwise', async () => {
    const inbox = await emailInbox();
    const first = mid();
    const mail = (id: string, headers: string[] = [], from = 'ola@customer.test') => simpleMail({ from, to: inbox.address, subject: 'Order 7', messageId: id, body: `text ${id}`, charset: 'UTF-8', encoding: '8bit', headers });
    await send(inbox.address, mail(first));
    await send(inbox.address, mail(mid(), [`In-Reply-To: ${first}`]));
    await send(inbox.address, mail(mid(), [`References: <unknown@x.test> ${first}`], 'colleague@customer.test'));
    await send(inbox.address, mail(mid()));
    const convs = await conversationsOf(inbox.id);
    expect(convs).toHaveLength(2);
    const counts = await Promise.all(convs.map(async (c) => (await messagesOf(c.id)).length));
    expect(counts.sort()).toEqual([1, 3]);
  });
});

describe('SMTP answers', () => {
  it('refuses an unknown recipient with 550 at RCPT TO', async () => {
    const res = await send('nobody@acme.test', simpleMail({ from: 'a@customer.test', to: 'nobody@acme.test', subject: 'x', messageId: mid(), body: 'x', charset: 'UTF-8', encoding: '8bit' }));
    expect(res.code).toBe(550);
  });

  it('refuses a message over the size limit with 552, also when the client ignores SIZE', async () => {
    const inbox = await emailInbox();
    const big = simpleMail({ from: 'a@customer.test', to: inbox.address, subject: 'big', messageId: mid(), body: 'x'.repeat(MAX_BYTES + 10_000), charset: 'UTF-8', encoding: 'base64' });
    expect((await send(inbox.address, big)).code).toBe(552);
    // A client that announces no SIZE and streams on regardless.
    const codes = await smtpDialogue(server.smtpPort, ['EHLO test\r\n', 'MAIL FROM:<a@customer.test>\r\n', `RCPT TO:<${inbox.address}>\r\n`, 'DATA\r\n', Buffer.concat([big, Buffer.from('\r\n.\r\n')])]);
    expect(codes).toEqual([220, 250, 250, 250, 354, 552]);
    expect(await conversationsOf(inbox.id)).toEqual([]);
  });

  it('stores the raw message before answering 250, and a second delivery of the same Message-ID once', async () => {
    const inbox = await emailInbox();
    const id = mid();
    const raw = simpleMail({ from: 'a@customer.test', to: inbox.address, subject: 'once', messageId: id, body: 'Hyvää päivää, äöå', charset: 'ISO-8859-1', encoding: 'quoted-printable' });
    expect((await send(inbox.address, raw)).code).toBe(250);
    const db = new Database(server.dbPath, { readonly: true });
    try {
      const rows = db.prepare('SELECT raw, status, dedup_key AS dedupKey FROM raw_emails WHERE inbox_id = ?').all(inbox.id) as { raw: Buffer; status: string; dedupKey: string }[];
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'processed', dedupKey: `mid:${id}` });
      expect(Buffer.compare(rows[0].raw, raw)).toBe(0);
    } finally {
      db.close();
    }
    expect((await send(inbox.address, raw)).code).toBe(250);
    const [conv] = await conversationsOf(inbox.id);
    expect(await messagesOf(conv.id)).toHaveLength(1);
  });

  it('answers 451 when the message cannot be stored (database locked), so the sender retries and the retry is stored', async () => {
    const inbox = await emailInbox();
    const raw = simpleMail({ from: 'a@customer.test', to: inbox.address, subject: 'retry me', messageId: mid(), body: 'Rødgrød med fløde', charset: 'ISO-8859-15', encoding: 'base64' });
    // Another process holds SQLite's write lock for longer than the server's busy timeout.
    // Taken only once the message is under way: better-sqlite3 waits for a lock synchronously.
    const locker = new Database(server.dbPath);
    let codes: number[];
    try {
      codes = await smtpDialogue(server.smtpPort, [
        'EHLO test\r\n',
        'MAIL FROM:<a@customer.test>\r\n',
        `RCPT TO:<${inbox.address}>\r\n`,
        'DATA\r\n',
        () => locker.exec('BEGIN IMMEDIATE'),
        Buffer.concat([raw, Buffer.from('\r\n.\r\n')]),
      ]);
    } finally {
      if (locker.inTransaction) locker.exec('ROLLBACK');
      locker.close();
    }
    expect(codes).toEqual([220, 250, 250, 250, 354, 451]);
    expect(await conversationsOf(inbox.id)).toEqual([]);
    expect((await send(inbox.address, raw)).code).toBe(250);
    const [conv] = await conversationsOf(inbox.id);
    expect((await messagesOf(conv.id))[0].text).toBe('Rødgrød med fløde');
  }, 60_000);
});

describe('Restart and shutdown', () => {
  it('processes at start a message that was stored but not processed when the process stopped', async () => {
    const inbox = await emailInbox();
    const id = mid();
    const raw = simpleMail({ from: 'ola@customer.test', to: inbox.address, subject: 'stored only', messageId: id, body: 'Zażółć gęślą jaźń', charset: 'ISO-8859-2', encoding: 'base64' });
    await server.stop();
    const db = new Database(server.dbPath);
    try {
      db.prepare(`INSERT INTO raw_emails (inbox_id, dedup_key, envelope_from, envelope_to, size, raw, status, received_at) VALUES (?, ?, ?, ?, ?, ?, 'stored', ?)`).run(inbox.id, `mid:${id}`, 'ola@customer.test', inbox.address, raw.length, raw, Date.now());
    } finally {
      db.close();
    }
    await server.restart();
    admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
    const [conv] = await eventually(async () => {
      const c = await conversationsOf(inbox.id);
      return c.length ? c : undefined;
    });
    expect((await messagesOf(conv.id))[0].text).toBe('Zażółć gęślą jaźń');
  }, 60_000);

  it('stops cleanly on SIGTERM, closing the SMTP listener', async () => {
    expect(await server.stop()).toBe(0);
    await expect(sendRawMail(server.smtpPort, { from: 'a@customer.test', to: ['x@acme.test'] }, 'Subject: x\r\n\r\nx')).rejects.toThrow();
  }, 30_000);
});

