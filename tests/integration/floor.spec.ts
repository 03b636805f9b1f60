import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq, workspace, type Created, type ErrorBody, type Page } from '../helpers/api-client';
import { RealtimeClient } from '../helpers/realtime-client';
import { fakePushService } from '../helpers/fake-push-service';

type Conversation = { id: number; assigneeId: number | null; priority: string; status: string; escalation: { at: string; byId: number | null; reason: string } | null };
type Load = { userId: number; name: string; open: number; capacity: number };
type Team = { id: number; name: string; members: { userId: number; name: string; role: string }[] };

let server: TestServer;
let pushService: Awaited<ReturnType<typeof fakePushService>>;
const sockets: RealtimeClient[] = [];

beforeAll(async () => {
  pushService = await fakePushService();
  server = await startServer({ env: { NODE_EXTRA_CA_CERTS: pushService.caFile, VAPID_SUBJECT: 'mailto:ops@example.com' } });
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
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

/** A console with an open socket: its user is online (and away after `away()`). */
async function online(client: ApiClient) {
  const rt = new RealtimeClient(server.url, client);
  sockets.push(rt);
  await rt.connected();
  return rt;
}

async function away(rt: RealtimeClient) {
  const ack = await rt.socket.emitWithAck('presence:set', { status: 'away' });
  expect(ack.ok).toBe(true);
}

/** The workspace plus a lead of the inbox and a lead of the other inbox. */
async function floor() {
  const ws = await workspace(server);
  const makeUser = async (name: string, role: string, inboxId: number) => {
    const email = `${uniq(name.toLowerCase().replace(/[^a-z]+/g, '.'))}@example.com`;
    const created = await ws.admin.post<Created>('/api/users', { email, name, password: 'agent-password-1', role });
    expect(created.status).toBe(201);
    await ws.admin.post(`/api/inboxes/${inboxId}/members`, { userId: created.body.id });
    return { id: created.body.id, email };
  };
  const lead = await makeUser('Liisa Lead', 'lead', ws.inbox.id);
  const otherLead = await makeUser('Ole Lead', 'lead', ws.otherInbox.id);
  return { ...ws, lead, otherLead };
}

const customer = (ws: { inbox: { id: number; inboundToken: string } }, name: string) =>
  inbound(server.url, ws.inbox, { contact: { externalId: uniq('c'), name }, text: `Hei, ${name} täällä` }).then((r) => {
    expect(r.status).toBe(201);
    return r.body.conversationId;
  });

describe('agent capacity', () => {
  it('lets supervisors and admins set a capacity from 1 to 100, and refuses agents and leads', async () => {
    const ws = await floor();
    const anna = await ws.login(ws.users.anna);
    const lead = await ws.login(ws.lead);
    const ok = await ws.admin.request<Load>('PUT', `/api/users/${ws.users.anna.id}/capacity`, { capacity: 3 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ userId: ws.users.anna.id, capacity: 3, open: 0 });
    for (const capacity of [0, 101, 2.5, '5']) {
      const bad = await ws.admin.request<ErrorBody>('PUT', `/api/users/${ws.users.anna.id}/capacity`, { capacity });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('invalid_request');
    }
    expect((await anna.request('PUT', `/api/users/${ws.users.anna.id}/capacity`, { capacity: 50 })).status).toBe(403);
    expect((await lead.request('PUT', `/api/users/${ws.users.anna.id}/capacity`, { capacity: 50 })).status).toBe(403);
    expect((await ws.admin.request('PUT', '/api/users/999999/capacity', { capacity: 5 })).status).toBe(404);
    const users = await ws.admin.get<Page<{ id: number; capacity: number }>>('/api/users');
    expect(users.body.items.find((u) => u.id === ws.users.anna.id)?.capacity).toBe(3);
  });

  it('shows an agent their own load against capacity, and only theirs', async () => {
    const ws = await floor();
    const anna = await ws.login(ws.users.anna);
    const id = await customer(ws, 'Aino');
    await ws.admin.patch(`/api/conversations/${id}`, { assigneeId: ws.users.anna.id });
    const loads = await anna.get<Page<Load>>('/api/floor/load');
    expect(loads.status).toBe(200);
    expect(loads.body.items).toEqual([{ userId: ws.users.anna.id, name: 'Anna Nowak', open: 1, capacity: 10 }]);
    const all = await ws.admin.get<Page<Load>>('/api/floor/load');
    expect(all.body.items.map((l) => l.userId)).toEqual(expect.arrayContaining([ws.users.anna.id, ws.users.mikko.id, ws.lead.id]));
  });
});

describe('round-robin auto-assignment', () => {
  it('is switched per inbox by admins only', async () => {
    const ws = await floor();
    const lead = await ws.login(ws.lead);
    expect((await lead.request('PUT', `/api/inboxes/${ws.inbox.id}/auto-assign`, { enabled: true })).status).toBe(403);
    expect((await ws.admin.request<ErrorBody>('PUT', `/api/inboxes/${ws.inbox.id}/auto-assign`, { enabled: 'yes' })).status).toBe(400);
    const on = await ws.admin.request('PUT', `/api/inboxes/${ws.inbox.id}/auto-assign`, { enabled: true });
    expect(on.status).toBe(200);
    expect(on.body).toEqual({ inboxId: ws.inbox.id, autoAssign: true });
    expect((await ws.admin.get<{ autoAssign: boolean }>(`/api/inboxes/${ws.inbox.id}`)).body.autoAssign).toBe(true);
  });

  it('leaves new conversations unassigned while the inbox does not auto-assign', async () => {
    const ws = await floor();
    await online(await ws.login(ws.users.anna));
    const id = await customer(ws, 'Pekka');
    expect((await ws.admin.get<Conversation>(`/api/conversations/${id}`)).body.assigneeId).toBeNull();
  });

  it('takes turns fairly among online members under capacity, skipping an away agent and a full one', async () => {
    const ws = await floor();
    // Kasia is full: capacity 1 and one open conversation already hers.
    const kasia = await (async () => {
      const email = `${uniq('kasia')}@example.com`;
      const created = await ws.admin.post<Created>('/api/users', { email, name: 'Kasia Full', password: 'agent-password-1', role: 'agent' });
      await ws.admin.post(`/api/inboxes/${ws.inbox.id}/members`, { userId: created.body.id });
      await ws.admin.request('PUT', `/api/users/${created.body.id}/capacity`, { capacity: 1 });
      return { id: created.body.id, email };
    })();
    const hers = await customer(ws, 'Early Bird');
    await ws.admin.patch(`/api/conversations/${hers}`, { assigneeId: kasia.id });

    const annaRt = await online(await ws.login(ws.users.anna));
    await online(await ws.login(ws.users.mikko));
    await online(await ws.login(kasia));
    await away(await online(await ws.login(ws.lead)));
    // Online, but not a member of the inbox.
    await online(await ws.login(ws.users.outsider));
    await ws.admin.request('PUT', `/api/inboxes/${ws.inbox.id}/auto-assign`, { enabled: true });

    const assignees: (number | null)[] = [];
    for (const name of ['Ulla', 'Bo', 'Jonas', 'Marta']) {
      const id = await customer(ws, name);
      assignees.push((await ws.admin.get<Conversation>(`/api/conversations/${id}`)).body.assigneeId);
    }
    const [a, m] = [ws.users.anna.id, ws.users.mikko.id];
    expect(assignees).toEqual([a, m, a, m]);

    // The console hears it in the created event (which also fires the "assigned to you" push).
    await annaRt.until((events) => events.filter((e) => e.type === 'conversation.created' && e.payload.conversation.assigneeId === a).length === 2);
    const first = annaRt.ofType('conversation.created').find((e) => e.payload.conversation.assigneeId === a)!;
    await annaRt.until((events) => events.some((e) => e.type === 'message.created' && e.payload.conversationId === first.payload.conversation.id && e.payload.message.event === 'assigned'));
  });

  it('skips an agent who reached capacity and assigns nobody when no one is available', async () => {
    const ws = await floor();
    await ws.admin.request('PUT', `/api/users/${ws.users.anna.id}/capacity`, { capacity: 1 });
    const annaApi = await ws.login(ws.users.anna);
    const annaRt = await online(annaApi);
    await ws.admin.request('PUT', `/api/inboxes/${ws.inbox.id}/auto-assign`, { enabled: true });
    const assigneeOf = async (id: number) => (await ws.admin.get<Conversation>(`/api/conversations/${id}`)).body.assigneeId;

    const first = await customer(ws, 'Eeva');
    expect(await assigneeOf(first)).toBe(ws.users.anna.id);
    // Anna is now full: the next one waits unassigned.
    const second = await customer(ws, 'Frida');
    expect(await assigneeOf(second)).toBeNull();
    // Away: nobody takes new work.
    await away(annaRt);
    await ws.admin.patch(`/api/conversations/${first}`, { status: 'resolved' });
    const third = await customer(ws, 'Gustav');
    expect(await assigneeOf(third)).toBeNull();
    expect(await assigneeOf(second)).toBeNull();
  });

  it('gives the oldest waiting conversations to an agent who comes online or frees capacity', async () => {
    const ws = await floor();
    await ws.admin.request('PUT', `/api/users/${ws.users.anna.id}/capacity`, { capacity: 2 });
    await ws.admin.request('PUT', `/api/inboxes/${ws.inbox.id}/auto-assign`, { enabled: true });
    const assigneeOf = async (id: number) => (await ws.admin.get<Conversation>(`/api/conversations/${id}`)).body.assigneeId;
    const waiting = [await customer(ws, 'Hanna'), await customer(ws, 'Ivar'), await customer(ws, 'Jaana')];
    // An escalated one stays in the leads' queue.
    const escalated = await customer(ws, 'Kari');
    await ws.admin.post(`/api/conversations/${escalated}/escalate`, { reason: 'Lead only' });
    expect(await Promise.all(waiting.map(assigneeOf))).toEqual([null, null, null]);

    const annaRt = await online(await ws.login(ws.users.anna));
    await annaRt.until((events) => events.filter((e) => e.type === 'conversation.updated' && e.payload.changes.includes('assignee') && e.payload.conversation.assigneeId === ws.users.anna.id).length === 2);
    expect(await Promise.all(waiting.map(assigneeOf))).toEqual([ws.users.anna.id, ws.users.anna.id, null]);

    await ws.admin.patch(`/api/conversations/${waiting[0]}`, { status: 'resolved' });
    expect(await assigneeOf(waiting[2])).toBe(ws.users.anna.id);
    expect(await assigneeOf(escalated)).toBeNull();
  });

  it('keeps the round-robin turn across a restart', async () => {
    const ws = await floor();
    const annaApi = await ws.login(ws.users.anna);
    const mikkoApi = await ws.login(ws.users.mikko);
    await online(annaApi);
    await online(mikkoApi);
    await ws.admin.request('PUT', `/api/inboxes/${ws.inbox.id}/auto-assign`, { enabled: true });
    const first = await customer(ws, 'Ilona');
    expect((await ws.admin.get<Conversation>(`/api/conversations/${first}`)).body.assigneeId).toBe(ws.users.anna.id);
    for (const s of sockets.splice(0)) s.close();
    await server.restart();
    await online(annaApi);
    await online(mikkoApi);
    const second = await customer(ws, 'Juho');
    expect((await ws.admin.get<Conversation>(`/api/conversations/${second}`)).body.assigneeId).toBe(ws.users.mikko.id);
  });
});

describe('escalation', () => {
  it('validates the reason and refuses callers who cannot see the conversation', async () => {
    const ws = await floor();
    const anna = await ws.login(ws.users.anna);
    const outsider = await ws.login(ws.users.outsider);
    const id = await customer(ws, 'Kalle');
    for (const body of [{}, { reason: '  ' }, { reason: 'ok' }, { reason: 'x'.repeat(501) }, { reason: 'valid reason', extra: 1 }]) {
      const bad = await anna.post<ErrorBody>(`/api/conversations/${id}/escalate`, body);
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('invalid_request');
    }
    expect((await outsider.post<ErrorBody>(`/api/conversations/${id}/escalate`, { reason: 'Customer threatens to cancel' })).status).toBe(404);
    expect((await anna.post<ErrorBody>('/api/conversations/999999/escalate', { reason: 'Customer threatens to cancel' })).status).toBe(404);
    await ws.admin.patch(`/api/conversations/${id}`, { status: 'resolved' });
    const resolved = await anna.post<ErrorBody>(`/api/conversations/${id}/escalate`, { reason: 'Customer threatens to cancel' });
    expect(resolved.status).toBe(409);
    expect(resolved.body.error.code).toBe('conversation_resolved');
  });

  it('unassigns into the leads’ queue at high priority and tells the inbox’s leads live and by push', async () => {
    const ws = await floor();
    const anna = await ws.login(ws.users.anna);
    const leadApi = await ws.login(ws.lead);
    const browser = pushService.subscription(uniq('lead'));
    expect((await leadApi.post('/api/push/subscriptions', browser.json)).status).toBe(201);
    const leadRt = await online(leadApi);
    const mikkoRt = await online(await ws.login(ws.users.mikko));
    const otherLeadRt = await online(await ws.login(ws.otherLead));

    const id = await customer(ws, 'Jens Møller');
    await anna.patch(`/api/conversations/${id}`, { assigneeId: ws.users.anna.id });
    const res = await anna.post<Conversation>(`/api/conversations/${id}/escalate`, { reason: 'Wants a refund above my limit' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ assigneeId: null, priority: 'high', escalation: { byId: ws.users.anna.id, reason: 'Wants a refund above my limit' } });

    await leadRt.until((events) => events.some((e) => e.type === 'conversation.escalated'));
    const [raised] = leadRt.ofType('conversation.escalated');
    expect(raised.payload).toMatchObject({ conversationId: id, inboxId: ws.inbox.id, reason: 'Wants a refund above my limit', by: { id: ws.users.anna.id, name: 'Anna Nowak' }, contactName: 'Jens Møller' });
    // The event is live, not only replayed by a later sync.
    expect(leadRt.live.some((e) => e.type === 'conversation.escalated')).toBe(true);
    // Agents and leads of other inboxes are not told.
    await mikkoRt.until((events) => events.some((e) => e.type === 'conversation.updated' && e.payload.conversation.id === id && e.payload.conversation.escalation !== null));
    expect(mikkoRt.ofType('conversation.escalated')).toHaveLength(0);
    expect(otherLeadRt.ofType('conversation.escalated')).toHaveLength(0);

    const req = await waitFor(() => pushService.requests.find((r) => r.path === browser.path));
    expect(browser.decrypt(req.body)).toMatchObject({ kind: 'escalated', title: 'Anna Nowak escalated a conversation', body: 'Jens Møller: Wants a refund above my limit', url: `/conversations/${id}` });

    const queue = await leadApi.get<Page<Conversation>>('/api/conversations?escalated=1');
    expect(queue.body.items.map((c) => c.id)).toEqual([id]);
    const thread = await leadApi.get<Page<{ event: string | null; text: string }>>(`/api/conversations/${id}/messages`);
    expect(thread.body.items.some((m) => m.event === 'escalated' && m.text.includes('Wants a refund above my limit'))).toBe(true);
  });

  it('keeps urgent priority urgent', async () => {
    const ws = await floor();
    const anna = await ws.login(ws.users.anna);
    const id = await customer(ws, 'Lotta');
    await anna.patch(`/api/conversations/${id}`, { priority: 'urgent' });
    const res = await anna.post<Conversation>(`/api/conversations/${id}/escalate`, { reason: 'Legal threat' });
    expect(res.body.priority).toBe('urgent');
  });

  it('is cleared when a lead takes it, but not when an agent assigns it', async () => {
    const ws = await floor();
    const anna = await ws.login(ws.users.anna);
    const mikko = await ws.login(ws.users.mikko);
    const lead = await ws.login(ws.lead);
    const id = await customer(ws, 'Mads');
    await anna.post(`/api/conversations/${id}/escalate`, { reason: 'Needs a manager' });
    const byAgent = await mikko.patch<Conversation>(`/api/conversations/${id}`, { assigneeId: ws.users.mikko.id });
    expect(byAgent.body.escalation?.reason).toBe('Needs a manager');
    const taken = await lead.patch<Conversation>(`/api/conversations/${id}`, { assigneeId: ws.lead.id });
    expect(taken.status).toBe(200);
    expect(taken.body.escalation).toBeNull();
    expect((await lead.get<Page<Conversation>>('/api/conversations?escalated=1')).body.items).toHaveLength(0);
  });
});

describe('lead reassignment and bulk assignment', () => {
  it('lets a lead bulk-assign to any member of the inbox and refuses assignees outside it', async () => {
    const ws = await floor();
    const lead = await ws.login(ws.lead);
    const ids = [await customer(ws, 'Nora'), await customer(ws, 'Olli')];
    const res = await lead.post<{ updated: number[]; failed: unknown[] }>('/api/conversations/bulk', { ids, action: { type: 'assign', assigneeId: ws.users.mikko.id } });
    expect(res.body).toEqual({ updated: ids, failed: [] });
    const outside = await lead.post<{ updated: number[]; failed: { code: string }[] }>('/api/conversations/bulk', { ids, action: { type: 'assign', assigneeId: ws.users.outsider.id } });
    expect(outside.body.updated).toEqual([]);
    expect(outside.body.failed.map((f) => f.code)).toEqual(['assignee_not_member', 'assignee_not_member']);
  });
});

describe('teams', () => {
  it('are managed by admins only; leads read them; names are unique and members must exist', async () => {
    const ws = await floor();
    const anna = await ws.login(ws.users.anna);
    const lead = await ws.login(ws.lead);
    const name = uniq('Helsinki desk');
    expect((await lead.post('/api/teams', { name })).status).toBe(403);
    expect((await anna.get('/api/teams')).status).toBe(403);

    const created = await ws.admin.post<Team>('/api/teams', { name, members: [{ userId: ws.lead.id, role: 'lead' }, { userId: ws.users.anna.id }] });
    expect(created.status).toBe(201);
    expect(created.body.members).toEqual([
      { userId: ws.users.anna.id, name: 'Anna Nowak', role: 'member' },
      { userId: ws.lead.id, name: 'Liisa Lead', role: 'lead' },
    ]);
    expect((await ws.admin.post<ErrorBody>('/api/teams', { name })).body.error.code).toBe('team_name_taken');
    const unknown = await ws.admin.post<ErrorBody>('/api/teams', { name: uniq('t'), members: [{ userId: 999999 }] });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'unknown_user']);
    expect((await ws.admin.post<ErrorBody>('/api/teams', { name: '' })).status).toBe(400);
    expect((await ws.admin.post<ErrorBody>('/api/teams', { name: uniq('t'), members: [{ userId: ws.lead.id, role: 'boss' }] })).status).toBe(400);

    const read = await lead.get<Page<Team>>('/api/teams');
    expect(read.status).toBe(200);
    expect(read.body.items.some((t) => t.id === created.body.id)).toBe(true);
    expect((await lead.patch(`/api/teams/${created.body.id}`, { name: 'x' })).status).toBe(403);

    const patched = await ws.admin.patch<Team>(`/api/teams/${created.body.id}`, { members: [{ userId: ws.lead.id, role: 'lead' }, { userId: ws.users.mikko.id, role: 'member' }] });
    expect(patched.body.members.map((m) => m.userId).sort()).toEqual([ws.lead.id, ws.users.mikko.id].sort());

    expect((await lead.delete(`/api/teams/${created.body.id}`)).status).toBe(403);
    expect((await ws.admin.delete(`/api/teams/${created.body.id}`)).status).toBe(200);
    expect((await ws.admin.get(`/api/teams/${created.body.id}`)).status).toBe(404);
    expect((await ws.admin.delete(`/api/teams/${created.body.id}`)).status).toBe(404);
  });

  it('scope what a lead sees of loads to the members of the teams they lead', async () => {
    const ws = await floor();
    const lead = await ws.login(ws.lead);
    expect((await lead.get<Page<Load>>('/api/floor/load')).body.items.map((l) => l.userId)).toEqual([ws.lead.id]);
    await ws.admin.post('/api/teams', { name: uniq('Gdańsk'), members: [{ userId: ws.lead.id, role: 'lead' }, { userId: ws.users.mikko.id }] });
    // Anna is in a team too, but one Liisa only belongs to as a member.
    await ws.admin.post('/api/teams', { name: uniq('Aarhus'), members: [{ userId: ws.lead.id }, { userId: ws.users.anna.id }] });
    const seen = (await lead.get<Page<Load>>('/api/floor/load')).body.items.map((l) => l.userId).sort((a, b) => a - b);
    expect(seen).toEqual([ws.lead.id, ws.users.mikko.id].sort((a, b) => a - b));
  });
});
