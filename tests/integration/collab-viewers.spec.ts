import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { inbound, workspace } from '../helpers/api-client';
import { RealtimeClient } from '../helpers/realtime-client';
import type { ConversationViewers } from '../../src/lib/shared/schemas/collab';
import type { Ack } from '../../src/lib/shared/realtime-events';

let server: TestServer;
const sockets: RealtimeClient[] = [];

/** A console's socket that also records every `conversation.viewers` announcement it receives. */
async function console_(client: ConstructorParameters<typeof RealtimeClient>[1]) {
  const rt = new RealtimeClient(server.url, client);
  sockets.push(rt);
  const heard: ConversationViewers[] = [];
  rt.socket.on('conversation.viewers', (p) => heard.push(p));
  await rt.connected();
  const latest = (conversationId: number) => heard.filter((h) => h.conversationId === conversationId).at(-1)?.viewers.map((v) => v.name);
  const until = async (check: () => boolean, what: string) => {
    const deadline = Date.now() + 3_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; heard ${JSON.stringify(heard)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const view = (conversationId: number | null): Promise<Ack<ConversationViewers | null>> => rt.socket.emitWithAck('viewing:set', { conversationId });
  return { rt, heard, latest, until, view };
}

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server?.stop();
});

describe('who is viewing a conversation', () => {
  it('shows each agent the other one arriving, switching away and disconnecting', async () => {
    const ws = await workspace(server);
    const { body } = await inbound(server.url, ws.inbox, { text: 'Is my order shipped?' });
    const second = await inbound(server.url, ws.inbox, { contact: { externalId: 'cust-2', name: 'Jens' }, text: 'Hi' });
    const anna = await console_(await ws.login(ws.users.anna));
    const mikko = await console_(await ws.login(ws.users.mikko));

    const first = await anna.view(body.conversationId);
    expect(first).toEqual({ ok: true, data: { conversationId: body.conversationId, viewers: [{ userId: ws.users.anna.id, name: 'Anna Nowak' }] } });
    await mikko.until(() => mikko.latest(body.conversationId)?.join() === 'Anna Nowak', 'Anna on Mikko’s console');

    const joined = await mikko.view(body.conversationId);
    expect(joined.ok && joined.data?.viewers.map((v) => v.name)).toEqual(['Anna Nowak', 'Mikko Virtanen']);
    await anna.until(() => anna.latest(body.conversationId)?.join() === 'Anna Nowak,Mikko Virtanen', 'both on Anna’s console');

    await mikko.view(second.body.conversationId);
    await anna.until(() => anna.latest(body.conversationId)?.join() === 'Anna Nowak', 'Mikko gone after switching');
    await anna.until(() => anna.latest(second.body.conversationId)?.join() === 'Mikko Virtanen', 'Mikko on the other conversation');

    mikko.rt.close();
    await anna.until(() => anna.latest(second.body.conversationId)?.join() === '', 'Mikko gone after disconnecting');

    await anna.view(null);
    const after = await (await console_(await ws.login(ws.users.mikko))).view(body.conversationId);
    expect(after.ok && after.data?.viewers.map((v) => v.name)).toEqual(['Mikko Virtanen']);
  });

  it('lists an agent with two tabs once, until the last tab closes', async () => {
    const ws = await workspace(server);
    const { body } = await inbound(server.url, ws.inbox, { text: 'Two tabs' });
    const annaClient = await ws.login(ws.users.anna);
    const tab1 = await console_(annaClient);
    const tab2 = await console_(annaClient);
    const mikko = await console_(await ws.login(ws.users.mikko));
    await tab1.view(body.conversationId);
    await tab2.view(body.conversationId);
    await mikko.until(() => mikko.heard.filter((h) => h.conversationId === body.conversationId).length === 2, 'two announcements');
    expect(mikko.latest(body.conversationId)).toEqual(['Anna Nowak']);

    tab1.rt.close();
    await mikko.until(() => mikko.heard.filter((h) => h.conversationId === body.conversationId).length === 3, 'the first tab closing');
    expect(mikko.latest(body.conversationId)).toEqual(['Anna Nowak']);
    tab2.rt.close();
    await mikko.until(() => mikko.latest(body.conversationId)?.length === 0, 'the last tab closing');
  });

  it('refuses an agent outside the inbox and never tells them who is viewing', async () => {
    const ws = await workspace(server);
    const { body } = await inbound(server.url, ws.inbox, { text: 'Private matter' });
    const outsider = await console_(await ws.login(ws.users.outsider));
    const anna = await console_(await ws.login(ws.users.anna));

    expect(await outsider.view(body.conversationId)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await outsider.view(-3)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    await anna.view(body.conversationId);
    // Anna's own console hears the change, so by then the outsider would have heard it too.
    await anna.until(() => anna.latest(body.conversationId)?.join() === 'Anna Nowak', 'Anna’s own announcement');
    const mikko = await console_(await ws.login(ws.users.mikko));
    await mikko.view(body.conversationId);
    await anna.until(() => anna.latest(body.conversationId)?.length === 2, 'Mikko joining');
    expect(outsider.heard).toEqual([]);
  });

  it('stops announcing an agent whose inbox membership is taken away', async () => {
    const ws = await workspace(server);
    const { body } = await inbound(server.url, ws.inbox, { text: 'Membership' });
    const anna = await console_(await ws.login(ws.users.anna));
    const mikko = await console_(await ws.login(ws.users.mikko));
    await mikko.view(body.conversationId);
    await anna.until(() => anna.latest(body.conversationId)?.join() === 'Mikko Virtanen', 'Mikko viewing');
    expect((await ws.admin.delete(`/api/inboxes/${ws.inbox.id}/members/${ws.users.mikko.id}`)).status).toBeLessThan(300);
    await anna.until(() => anna.latest(body.conversationId)?.length === 0, 'Mikko removed');
  });
});
