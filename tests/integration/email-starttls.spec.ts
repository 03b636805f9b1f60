import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { ApiClient, uniq } from '../helpers/api-client';
import { sendRawMail } from '../helpers/send-mail';
import { simpleMail } from '../fixtures/emails';

let server: TestServer;
let admin: ApiClient;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-tls-'));
  const [cert, key] = [path.join(dir, 'cert.pem'), path.join(dir, 'key.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
  server = await startServer({ env: { SMTP_TLS_CERT: cert, SMTP_TLS_KEY: key } });
  admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
});
afterAll(async () => {
  await server?.stop();
});

describe('STARTTLS on the SMTP listener', () => {
  it('accepts mail over STARTTLS when a certificate is configured', async () => {
    const address = `${uniq('tls').toLowerCase()}@acme.test`;
    const inbox = (await admin.post('/api/inboxes', { name: 'TLS', channel: 'email', address, outboundSmtpUrl: 'smtp://127.0.0.1:1' })).body as { id: number };
    const raw = simpleMail({ from: 'mikko@customer.test', to: address, subject: 'Salattu', messageId: `<${uniq('t')}@customer.test>`, body: 'Hyvää päivää, äöå', charset: 'UTF-8', encoding: 'quoted-printable' });
    const answer = await sendRawMail(server.smtpPort, { from: 'mikko@customer.test', to: [address] }, raw, { requireTLS: true });
    expect(answer.code, answer.text).toBe(250);
    const [conv] = (await admin.get(`/api/conversations?inboxId=${inbox.id}`)).body.items as { id: number }[];
    const [message] = (await admin.get(`/api/conversations/${conv.id}/messages`)).body.items as { text: string }[];
    expect(message.text).toBe('Hyvää päivää, äöå');
  });
});
