/**
 * `GET /api/messages/:id/body` against the built server, for mail received over SMTP: members
 * get the sanitised, sandboxed document; everyone else a 404 as if it did not exist.
 */
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { ApiClient, uniq, workspace } from '../helpers/api-client';

let server: TestServer;
let ws: Awaited<ReturnType<typeof workspace>>;
let anna: ApiClient;
let outsider: ApiClient;
let htmlMessageId: number;
let textMessageId: number;

const HTML = '<p onclick="x()">Hello <img src="https://t.example/p.gif" alt="pixel"></p><script>alert(1)</script><blockquote type="cite">old</blockquote>';

async function mailIn(address: string, subject: string, body: { html?: string; text: string }): Promise<number> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: server.smtpPort, secure: false, ignoreTLS: true });
  await transport.sendMail({ from: 'Zofia <zofia@klient.example>', to: address, subject, ...body });
  transport.close();
  for (let i = 0; i < 100; i++) {
    const list = await ws.admin.get<{ items: { id: number; subject: string | null }[] }>('/api/conversations?limit=100');
    const conv = list.body.items.find((c) => c.subject === subject);
    if (conv) {
      const page = await ws.admin.get<{ items: { id: number; direction: string }[] }>(`/api/conversations/${conv.id}/messages`);
      const msg = page.body.items.find((m) => m.direction === 'incoming');
      if (msg) return msg.id;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`mail "${subject}" did not arrive`);
}

beforeAll(async () => {
  server = await startServer();
  ws = await workspace(server);
  anna = await ws.login(ws.users.anna);
  outsider = await ws.login(ws.users.outsider);
  const address = `help-${uniq('a').toLowerCase()}@shop.example`;
  const inbox = await ws.admin.post<{ id: number }>('/api/inboxes', { name: 'Mail', channel: 'email', address, outboundSmtpUrl: 'smtp://127.0.0.1:9' });
  expect(inbox.status, JSON.stringify(inbox.body)).toBe(201);
  await ws.admin.post(`/api/inboxes/${inbox.body.id}/members`, { userId: ws.users.anna.id });
  htmlMessageId = await mailIn(address, `With HTML ${uniq('s')}`, { html: HTML, text: 'Hello' });
  textMessageId = await mailIn(address, `Plain ${uniq('s')}`, { text: 'Just text' });
});
afterAll(async () => {
  await server?.stop();
});

describe('message body document', () => {
  it('gives inbox members a sanitised document under a sandboxing CSP', async () => {
    const res = await anna.get<string>(`/api/messages/${htmlMessageId}/body`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(
      "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.body).toMatch(/^<!doctype html>/);
    expect(res.body).not.toMatch(/<script|onclick|t\.example/);
    expect(res.body).toContain('<blockquote type="cite" data-sb-quote>old</blockquote>');
    expect(res.body).toContain('[data-sb-quote]{display:none!important}');
  });

  it('lets images and quotes in on request', async () => {
    const res = await anna.get<string>(`/api/messages/${htmlMessageId}/body?images=1&quotes=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain('img-src data: http: https:');
    expect(res.body).toContain('src="https://t.example/p.gif"');
    expect(res.body).not.toContain('[data-sb-quote]{display:none');
  });

  it('answers 404 to someone outside the inbox, for a missing message and for a message without HTML', async () => {
    for (const [client, id] of [[outsider, htmlMessageId], [anna, 999_999], [anna, textMessageId]] as const) {
      const res = await client.get<{ error: { code: string } }>(`/api/messages/${id}/body`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });

  it('answers 401 without a session and 400 to unknown query flags', async () => {
    expect((await new ApiClient(server.url).get(`/api/messages/${htmlMessageId}/body`)).status).toBe(401);
    const bad = await anna.get<{ error: { code: string } }>(`/api/messages/${htmlMessageId}/body?images=yes`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_query');
  });
});
