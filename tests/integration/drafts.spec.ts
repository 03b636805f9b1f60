import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, workspace } from '../helpers/api-client';
import { RealtimeClient } from '../helpers/realtime-client';
import type { Draft, DraftPair } from '../../src/lib/shared/schemas/draft';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
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
