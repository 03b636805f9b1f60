import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq, workspace, type Created, type ErrorBody } from '../helpers/api-client';
import { RealtimeClient } from '../helpers/realtime-client';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  new ApiClient(server.url).request<{ user: { email: string; role: string } } & Partial<ErrorBody>>('POST', '/api/auth/login', { email, password }, headers);

describe('accounts and access', () => {
  it('logs in with an HttpOnly SameSite=Lax cookie and refuses a wrong password with 401', async () => {
    const ok = await login(ADMIN.email, ADMIN.password);
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ email: ADMIN.email, role: 'admin' });
    const cookie = ok.headers.getSetCookie().find((c) => c.startsWith('sb_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const bad = await login(ADMIN.email, 'wrong-password');
    expect(bad.status).toBe(401);
    expect(bad.body.error?.code).toBe('invalid_credentials');
  });

  it('answers 429 after more than 10 failed logins a minute for one account', async () => {
    // Its own server: the failures also count against this machine's address.
    const own = await startServer();
    const ws = await workspace(own);
    const login = (email: string, password: string) => new ApiClient(own.url).request('POST', '/api/auth/login', { email, password });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login(ws.users.mikko.email, 'nope-nope-nope')).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Even the right password waits out the window.
    expect((await login(ws.users.mikko.email, 'agent-password-1')).status).toBe(429);
    await own.stop();
  });

  it('lets a personal API token act on every route and the socket', async () => {
    const ws = await workspace(server);
    const anna = await ws.login(ws.users.anna);
    const created = await anna.post<Created & { token: string }>('/api/tokens', { name: 'script' });
    expect(created.status).toBe(201);
    const byToken = new ApiClient(server.url, { token: created.body.token });
    expect((await byToken.get<{ user: { email: string } }>('/api/me')).body.user.email).toBe(ws.users.anna.email);
    const rt = new RealtimeClient(server.url, byToken);
    await rt.connected();
    const { body } = await inbound(server.url, ws.inbox, { text: 'token test' });
    await rt.until(() => rt.messagesCreated(body.conversationId).length === 1);
    const ended = new Promise((resolve) => rt.socket.once('session.ended', resolve));
    await anna.delete(`/api/tokens/${created.body.id}`);
    await expect(ended).resolves.toMatchObject({ reason: 'token_revoked' });
    expect((await byToken.get('/api/me')).status).toBe(401);
    rt.close();
  });

  it('closes open sockets on logout', async () => {
    const ws = await workspace(server);
    const anna = await ws.login(ws.users.anna);
    const rt = new RealtimeClient(server.url, anna);
    await rt.connected();
    const ended = new Promise((resolve) => rt.socket.once('session.ended', resolve));
    const disconnected = new Promise((resolve) => rt.socket.once('disconnect', resolve));
    await anna.post('/api/auth/logout');
    await expect(ended).resolves.toMatchObject({ reason: 'logout' });
    await disconnected;
    expect((await anna.get('/api/me')).status).toBe(401);
    rt.close();
  });

  it('applies membership and role changes to open sockets at once', async () => {
    const ws = await workspace(server);
    const outsider = await ws.login(ws.users.outsider);
    const rt = new RealtimeClient(server.url, outsider);
    await rt.connected();
    const accessChanged = async (action: () => Promise<unknown>) => {
      const before = rt.lastSeq;
      await action();
      await rt.until((ev) => ev.some((e) => e.type === 'access.changed' && e.seq > before));
    };

    await accessChanged(() => ws.admin.post(`/api/inboxes/${ws.inbox.id}/members`, { userId: ws.users.outsider.id }));
    const { body } = await inbound(server.url, ws.inbox, { text: 'now visible' });
    await rt.until(() => rt.messagesCreated(body.conversationId).length === 1);

    await accessChanged(() => ws.admin.delete(`/api/inboxes/${ws.inbox.id}/members/${ws.users.outsider.id}`));
    const hidden = await inbound(server.url, ws.inbox, { contact: { externalId: uniq('c'), name: 'X' }, text: 'hidden again' });
    await new Promise((r) => setTimeout(r, 300));
    expect(rt.messagesCreated(hidden.body.conversationId)).toEqual([]);
    expect((await outsider.get(`/api/conversations/${hidden.body.conversationId}`)).status).toBe(404);

    await accessChanged(() => ws.admin.patch(`/api/users/${ws.users.outsider.id}`, { role: 'supervisor' }));
    expect((await outsider.get(`/api/conversations/${hidden.body.conversationId}`)).status).toBe(200);
    const later = await inbound(server.url, ws.inbox, { contact: { externalId: uniq('c'), name: 'Y' }, text: 'seen by supervisor' });
    await rt.until(() => rt.messagesCreated(later.body.conversationId).length === 1);
    rt.close();
  });

  it('keeps user and inbox administration to admins', async () => {
    const ws = await workspace(server);
    const anna = await ws.login(ws.users.anna);
    expect((await anna.post('/api/users', { email: 'x@example.com', name: 'X', password: 'longenough1' })).status).toBe(403);
    expect((await anna.post('/api/inboxes', { name: 'X', channel: 'api' })).status).toBe(403);
    expect((await anna.patch(`/api/users/${ws.users.mikko.id}`, { role: 'admin' })).status).toBe(403);
  });
});

describe('bad input', () => {
  it('answers malformed, mistyped, unknown and oversized input with 4xx and an error body', async () => {
    const ws = await workspace(server);
    const { body } = await inbound(server.url, ws.inbox, { text: 'x' });
    const path = `/api/conversations/${body.conversationId}`;
    const cases = [
      await ws.admin.request('PATCH', path, '{"status":', {}),
      await ws.admin.patch(path, { status: 'closed' }),
      await ws.admin.patch(path, { priority: 'high', colour: 'red' }),
      await ws.admin.patch(path, {}),
      await ws.admin.post(`${path}/messages`, { text: 'x'.repeat(20_001) }),
      await ws.admin.post(`${path}/messages`, { text: 'y'.repeat(1_100_000) }),
      await ws.admin.request('POST', `${path}/messages`, 'text=hi', { 'content-type': 'application/x-www-form-urlencoded' }),
      await ws.admin.get('/api/conversations?limit=abc'),
      await ws.admin.get('/api/conversations?cursor=!!!'),
      await ws.admin.get('/api/conversations/99999999'),
      await ws.admin.get('/api/conversations/1e3'),
      await ws.admin.patch(path, { status: 'snoozed' }),
      await ws.admin.patch(path, { status: 'snoozed', snoozedUntil: '2001-01-01T00:00:00Z' }),
      await inbound(server.url, ws.inbox, { text: '' }),
      await new ApiClient(server.url, { token: 'sbi_wrong' }).post(`/api/inboxes/${ws.inbox.id}/inbound`, { contact: { externalId: 'a', name: 'b' }, externalMessageId: 'x', text: 'y' }),
    ];
    expect(cases.map((c) => c.status)).toEqual([400, 400, 400, 400, 400, 413, 415, 400, 400, 404, 404, 400, 400, 400, 401]);
    for (const c of cases) expect((c.body as ErrorBody).error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
    // Nothing was half-written: the conversation is as it was.
    const after = await ws.admin.get(path);
    expect(after.body).toMatchObject({ status: 'open', priority: 'normal' });
    expect((await ws.admin.get('/healthz')).status).toBe(200);
  });

  it('refuses a cross-site write made with the session cookie', async () => {
    const ws = await workspace(server);
    const { body } = await inbound(server.url, ws.inbox, { text: 'x' });
    const res = await ws.admin.request('PATCH', `/api/conversations/${body.conversationId}`, { status: 'resolved' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });
});
