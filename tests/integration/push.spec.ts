import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, workspace } from '../helpers/api-client';
import { fakePushService, verifyVapid } from '../helpers/fake-push-service';

let server: TestServer;
let pushService: Awaited<ReturnType<typeof fakePushService>>;
beforeAll(async () => {
  pushService = await fakePushService();
  server = await startServer({ env: { NODE_EXTRA_CA_CERTS: pushService.caFile, VAPID_SUBJECT: 'mailto:ops@example.com' } });
});
afterAll(async () => {
  await server?.stop();
  await pushService?.close();
});

async function waitFor<T>(get: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Web Push notifications', () => {
  it('sends a valid, encrypted Web Push request when a conversation is assigned to someone', async () => {
    const ws = await workspace(server);
    const anna = await ws.login(ws.users.anna);
    const { publicKey } = (await anna.get<{ publicKey: string }>('/api/push/key')).body;
    const browser = pushService.subscription('anna-laptop');
    expect((await anna.post('/api/push/subscriptions', browser.json)).status).toBe(201);

    const { body } = await inbound(server.url, ws.inbox, { contact: { externalId: 'c-push', name: 'Jens Møller' }, text: 'Min ordre er ikke kommet' });
    await ws.admin.patch(`/api/conversations/${body.conversationId}`, { assigneeId: ws.users.anna.id });

    const req = await waitFor(() => pushService.requests.find((r) => r.path === browser.path));
    const claims = verifyVapid(req.headers.authorization, publicKey);
    expect(claims.aud).toBe(pushService.origin);
    expect(claims.sub).toBe('mailto:ops@example.com');
    const exp = Number(claims.exp) * 1000;
    expect(exp).toBeGreaterThan(Date.now());
    expect(exp).toBeLessThanOrEqual(Date.now() + 24 * 3600 * 1000);
    expect(req.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(req.headers.ttl)).toBeGreaterThan(0);
    expect(browser.decrypt(req.body)).toEqual({
      kind: 'assigned',
      title: 'Assigned to you',
      body: 'Jens Møller: Min ordre er ikke kommet',
      url: `/conversations/${body.conversationId}`,
      tag: `conversation-${body.conversationId}`,
      badge: 1,
    });
  });

  it('puts the assignee’s unread count of their own open conversations on the app badge', async () => {
    const ws = await workspace(server);
    const anna = await ws.login(ws.users.anna);
    const browser = pushService.subscription('anna-badge');
    await anna.post('/api/push/subscriptions', browser.json);
    const assign = async (externalId: string) => {
      const { body } = await inbound(server.url, ws.inbox, { contact: { externalId, name: externalId }, text: 'Hello' });
      await ws.admin.patch(`/api/conversations/${body.conversationId}`, { assigneeId: ws.users.anna.id });
      return body.conversationId as number;
    };
    const first = await assign('c-badge-1');
    await waitFor(() => pushService.requests.find((r) => r.path === browser.path));
    await assign('c-badge-2');
    await waitFor(() => (pushService.requests.filter((r) => r.path === browser.path).length === 2 ? true : undefined));
    // Read the first one, then a third arrives: two unread, not three.
    expect((await anna.post(`/api/conversations/${first}/read`, {})).status).toBeLessThan(300);
    await assign('c-badge-3');
    await waitFor(() => (pushService.requests.filter((r) => r.path === browser.path).length === 3 ? true : undefined));
    const badges = pushService.requests.filter((r) => r.path === browser.path).map((r) => (browser.decrypt(r.body) as { badge?: number }).badge);
    expect(badges).toEqual([1, 2, 2]);
  });

  it('lists the caller’s subscribed browsers without their keys, and forgets one that opts out', async () => {
    const ws = await workspace(server);
    const anna = await ws.login(ws.users.anna);
    const mikko = await ws.login(ws.users.mikko);
    const tablet = pushService.subscription('shared-tablet');
    await anna.post('/api/push/subscriptions', tablet.json);
    const mine = await anna.get<{ items: { endpoint: string; createdAt: string; lastSuccessAt: string | null }[] }>('/api/push/subscriptions');
    expect(mine.body.items).toEqual([{ endpoint: tablet.json.endpoint, createdAt: expect.any(String), lastSuccessAt: null }]);
    // Another user opts in on the same browser: the endpoint is theirs now, no longer Anna's.
    await mikko.post('/api/push/subscriptions', tablet.json);
    expect((await anna.get<{ items: unknown[] }>('/api/push/subscriptions')).body.items).toEqual([]);
    expect((await mikko.get<{ items: { endpoint: string }[] }>('/api/push/subscriptions')).body.items.map((i) => i.endpoint)).toEqual([tablet.json.endpoint]);
    // Anna cannot opt someone else's browser out; Mikko can.
    await anna.request('DELETE', '/api/push/subscriptions', { endpoint: tablet.json.endpoint });
    expect((await mikko.get<{ items: unknown[] }>('/api/push/subscriptions')).body.items).toHaveLength(1);
    expect((await mikko.request('DELETE', '/api/push/subscriptions', { endpoint: tablet.json.endpoint })).status).toBe(200);
    expect((await mikko.get<{ items: unknown[] }>('/api/push/subscriptions')).body.items).toEqual([]);
  });

  it('does not notify agents who assign a conversation to themselves', async () => {
    const ws = await workspace(server);
    const mikko = await ws.login(ws.users.mikko);
    const browser = pushService.subscription('mikko');
    await mikko.post('/api/push/subscriptions', browser.json);
    const { body } = await inbound(server.url, ws.inbox, { contact: { externalId: 'c-self', name: 'Aino' }, text: 'Hei' });
    await mikko.patch(`/api/conversations/${body.conversationId}`, { assigneeId: ws.users.mikko.id });
    await ws.admin.patch(`/api/conversations/${body.conversationId}`, { priority: 'high' });
    await new Promise((r) => setTimeout(r, 700));
    expect(pushService.requests.filter((r) => r.path === browser.path)).toHaveLength(0);
  });

  it('forgets a subscription the push service says is gone', async () => {
    const ws = await workspace(server);
    const anna = await ws.login(ws.users.anna);
    const browser = pushService.subscription('anna-old-phone');
    pushService.answers.set(browser.path, 410);
    await anna.post('/api/push/subscriptions', browser.json);
    const first = await inbound(server.url, ws.inbox, { contact: { externalId: 'c-gone-1', name: 'Ola' }, text: 'One' });
    await ws.admin.patch(`/api/conversations/${first.body.conversationId}`, { assigneeId: ws.users.anna.id });
    await waitFor(() => pushService.requests.find((r) => r.path === browser.path));
    await new Promise((r) => setTimeout(r, 300));
    const second = await inbound(server.url, ws.inbox, { contact: { externalId: 'c-gone-2', name: 'Ola' }, text: 'Two' });
    await ws.admin.patch(`/api/conversations/${second.body.conversationId}`, { assigneeId: ws.users.anna.id });
    await new Promise((r) => setTimeout(r, 700));
    expect(pushService.requests.filter((r) => r.path === browser.path)).toHaveLength(1);
  });

  it('notifies the teammates a private note @mentions, but only those who can open the conversation', async () => {
    const ws = await workspace(server);
    const [anna, outsider] = [pushService.subscription('anna-mention'), pushService.subscription('outsider-mention')];
    await (await ws.login(ws.users.anna)).post('/api/push/subscriptions', anna.json);
    await (await ws.login(ws.users.outsider)).post('/api/push/subscriptions', outsider.json);
    const mikko = await ws.login(ws.users.mikko);
    const { body } = await inbound(server.url, ws.inbox, { contact: { externalId: 'c-mention', name: 'Aino' }, text: 'Laskuni on väärin' });
    const handle = (email: string) => email.split('@')[0];
    const note = `@${handle(ws.users.anna.email)} could you check the invoice? cc @${handle(ws.users.outsider.email)}`;
    expect((await mikko.post(`/api/conversations/${body.conversationId}/messages`, { text: note, private: true })).status).toBe(201);

    const req = await waitFor(() => pushService.requests.find((r) => r.path === anna.path));
    expect(anna.decrypt(req.body)).toMatchObject({ kind: 'mention', title: 'Mikko Virtanen mentioned you', body: note, url: `/conversations/${body.conversationId}` });
    await new Promise((r) => setTimeout(r, 500));
    expect(pushService.requests.filter((r) => r.path === outsider.path)).toHaveLength(0);
  });

  it('refuses malformed subscriptions and anonymous callers', async () => {
    const ws = await workspace(server);
    const anna = await ws.login(ws.users.anna);
    const bad = await anna.post<{ error: { code: string } }>('/api/push/subscriptions', { endpoint: 'not a url', keys: { p256dh: 'x', auth: 'y' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    const plain = pushService.subscription('plain-http').json;
    const insecure = await anna.post<{ error: { code: string } }>('/api/push/subscriptions', { ...plain, endpoint: plain.endpoint.replace('https:', 'http:') });
    expect(insecure.status).toBe(400);
    expect(insecure.body.error.code).toBe('invalid_push_endpoint');
    expect((await new ApiClient(server.url).get('/api/push/key')).status).toBe(401);
  });
});
