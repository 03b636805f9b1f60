import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { uniq, workspace, type CreatedInbox, type ErrorBody } from '../helpers/api-client';
import { RealtimeClient } from '../helpers/realtime-client';

let server: TestServer;
const sockets: RealtimeClient[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server?.stop();
});

describe('inbox settings', () => {
  it('tells open admin consoles about a new inbox, a rename and member changes, and a new member', async () => {
    const ws = await workspace(server);
    const adminRt = new RealtimeClient(server.url, ws.admin);
    const annaRt = new RealtimeClient(server.url, await ws.login(ws.users.anna));
    sockets.push(adminRt, annaRt);
    await Promise.all([adminRt.connected(), annaRt.connected()]);
    const inboxEvents = (rt: RealtimeClient, id: number) => rt.applied.filter((e) => e.type === 'inbox.updated' && e.payload.inboxId === id);

    const created = await ws.admin.post<CreatedInbox>('/api/inboxes', { name: uniq('New'), channel: 'api' });
    expect(created.status).toBe(201);
    await adminRt.until(() => inboxEvents(adminRt, created.body.id).length === 1);

    await ws.admin.patch(`/api/inboxes/${created.body.id}`, { name: 'Renamed' });
    await ws.admin.post(`/api/inboxes/${created.body.id}/members`, { userId: ws.users.anna.id });
    await adminRt.until(() => inboxEvents(adminRt, created.body.id).length === 3);
    // As a member, Anna hears of changes to the inbox too.
    await annaRt.until(() => annaRt.applied.some((e) => e.type === 'access.changed') || inboxEvents(annaRt, created.body.id).length > 0, 5000);
    await ws.admin.delete(`/api/inboxes/${created.body.id}/members/${ws.users.anna.id}`);
    await adminRt.until(() => inboxEvents(adminRt, created.body.id).length === 4);
  });

  it('lists the secrets shown once under `revealed` and never shows them again', async () => {
    const ws = await workspace(server);
    const created = await ws.admin.post<CreatedInbox & { inboundToken: string }>('/api/inboxes', { name: uniq('Secrets'), channel: 'api' });
    expect(Object.keys(created.body.revealed).sort()).toEqual(['inboundToken', 'webhookSecret']);
    expect(created.body.revealed.inboundToken).toBe(created.body.inboundToken);
    const shown = JSON.stringify((await ws.admin.get(`/api/inboxes/${created.body.id}`)).body);
    expect(shown).not.toContain(created.body.revealed.inboundToken);
    expect(shown).not.toContain(created.body.revealed.webhookSecret);
    const renamed = await ws.admin.patch<CreatedInbox>(`/api/inboxes/${created.body.id}`, { name: 'Still secret' });
    expect(renamed.body.revealed).toEqual({});
  });

  it('answers an unknown channel and bad settings with a clear 400 naming the field', async () => {
    const ws = await workspace(server);
    const unknown = await ws.admin.post<ErrorBody>('/api/inboxes', { name: 'Fax', channel: 'fax' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues).toEqual([expect.objectContaining({ path: ['channel'] })]);
    const email = await ws.admin.post<ErrorBody>('/api/inboxes', { name: 'Mail', channel: 'email', address: 'help@example.com' });
    expect(email.status).toBe(400);
    expect(email.body.error.issues).toEqual([expect.objectContaining({ path: ['outboundSmtpUrl'] })]);
    const bad = await ws.admin.post<ErrorBody>('/api/inboxes', { name: 'Bot', channel: 'telegram', botToken: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_settings');
    expect(bad.body.error.issues).toEqual([expect.objectContaining({ path: ['botToken'] })]);
  });
});
