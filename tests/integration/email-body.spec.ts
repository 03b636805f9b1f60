/**
 * `GET /api/messages/:id/body` against the built server: members get the sanitised, sandboxed
 * document; everyone else a 404 as if it did not exist.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq, workspace } from '../helpers/api-client';

let server: TestServer;
let ws: Awaited<ReturnType<typeof workspace>>;
let anna: ApiClient;
let outsider: ApiClient;
let htmlMessageId: number;
let textMessageId: number;

const HTML = '<p onclick="x()">Hello <img src="https://t.example/p.gif" alt="pixel"></p><script>alert(1)</script><blockquote type="cite">old</blockquote>';

beforeAll(async () => {
  server = await startServer();
  ws = await workspace(server);
  anna = await ws.login(ws.users.anna);
  outsider = await ws.login(ws.users.outsider);
  const withHtml = await inbound(server.url, ws.inbox, { contact: { externalId: uniq('c'), name: 'Zofia' }, text: 'Hello' });
  const plain = await inbound(server.url, ws.inbox, { contact: { externalId: uniq('c'), name: 'Mikkel' }, text: 'Just text' });
  htmlMessageId = withHtml.body.messageId;
  textMessageId = plain.body.messageId;
  // Before the email channel exists there is no HTML ingest path; store the raw HTML directly.
  const db = new Database(server.dbPath);
  db.prepare('UPDATE messages SET html = ? WHERE id = ?').run(HTML, htmlMessageId);
  db.close();
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
      const res = await client.get(`/api/messages/${id}/body`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });

  it('answers 401 without a session and 400 to unknown query flags', async () => {
    expect((await new ApiClient(server.url).get(`/api/messages/${htmlMessageId}/body`)).status).toBe(401);
    const bad = await anna.get(`/api/messages/${htmlMessageId}/body?images=yes`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_query');
  });
});
