import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type SwitchboardApp } from '../app';
import { availableChannels } from '../channels/registry';
import { loadEnv } from '../env';
import type { AuthContext } from '../auth/auth-context';
import { roles } from '$lib/shared/schemas/common';
import { seedDemo } from './demo.seed';
import { DEMO_DAYS, planDemo } from './demo.plan';
import { render } from './demo-dice';
import { DEMO_INBOXES, DEMO_MARKER_EMAIL, DEMO_PASSWORD, DEMO_USERS, LANGS, PHRASES, TOPICS, WORLD, demoEmail } from './demo-content';

const DAY = 86_400_000;

describe('the demo workspace seed', () => {
  let dir: string;
  let app: SwitchboardApp;
  let admin: AuthContext;
  let seededAt: number;
  const lines: string[] = [];

  const sql = <T>(query: string, ...params: unknown[]) => app.db.$client.prepare(query).all(...params) as T[];
  const count = (table: string) => (app.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-demo-'));
    app = createApp(loadEnv({ DATABASE_URL: `file:${path.join(dir, 'demo.db')}` }));
    seededAt = Date.now();
    await seedDemo(app, { log: (line) => lines.push(line) });
    const user = app.users.findActiveByEmail(demoEmail(DEMO_USERS.find((u) => u.role === 'admin')!))!;
    admin = { user: app.users.get(user.id), via: 'session', sessionId: null, tokenId: null, memberInboxIds: [] };
  });

  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates users of every role who log in with the demo password', async () => {
    const demoUsers = app.users.list().filter((u) => u.email.endsWith('@demo.switchboard'));
    expect(demoUsers.map((u) => u.email)).toContain(DEMO_MARKER_EMAIL);
    expect(new Set(demoUsers.map((u) => u.role))).toEqual(new Set(roles));
    const login = await app.auth.login(DEMO_MARKER_EMAIL, DEMO_PASSWORD, '127.0.0.1');
    expect(login.user.name).toBe('Anna Nowak');
    expect(lines.join('\n')).toContain(`password "${DEMO_PASSWORD}"`);
  });

  it('creates the inboxes with agents in one or two of them each, using only channels that exist', () => {
    const inboxes = app.inboxes.list(admin);
    expect(inboxes.map((i) => i.name).sort()).toEqual(DEMO_INBOXES.map((i) => i.name).sort());
    const available = new Set<string>(availableChannels());
    for (const inbox of inboxes) {
      const spec = DEMO_INBOXES.find((i) => i.name === inbox.name)!;
      expect(inbox.channel).toBe(available.has(spec.channel) ? spec.channel : 'api');
    }
    expect(inboxes.filter((i) => i.channel === 'email').map((i) => i.settings.inboundAddress).sort()).toEqual([
      'asiakaspalvelu@demo.switchboard',
      'kundeservice@demo.switchboard',
      'support@demo.switchboard',
    ]);
    for (const u of DEMO_USERS.filter((u) => u.role === 'agent')) {
      const id = app.users.findActiveByEmail(demoEmail(u))!.id;
      expect(app.users.memberInboxIds(id).length).toBeGreaterThanOrEqual(1);
      expect(app.users.memberInboxIds(id).length).toBeLessThanOrEqual(2);
    }
  });

  it('fills a few hundred conversations of the last 14 days with mixed statuses, priorities, labels and assignees', () => {
    expect(count('conversations')).toBeGreaterThanOrEqual(250);
    const byStatus = Object.fromEntries(sql<{ status: string; n: number }>('SELECT status, count(*) AS n FROM conversations GROUP BY status').map((r) => [r.status, r.n]));
    for (const status of ['open', 'pending', 'snoozed', 'resolved']) expect(byStatus[status], status).toBeGreaterThan(5);
    const priorities = sql<{ priority: string }>('SELECT DISTINCT priority FROM conversations').map((r) => r.priority);
    expect(priorities.sort()).toEqual(['high', 'low', 'normal', 'urgent']);
    for (const label of ['billing', 'shipping', 'bug', 'vip', 'refund']) {
      expect(app.conversations.list(admin, { label, limit: 1 }).items.length, label).toBe(1);
    }
    expect(app.conversations.list(admin, { assignee: 'none', limit: 1 }).items.length).toBe(1);
    const range = sql<{ first: number; last: number }>('SELECT min(created_at) AS first, max(last_message_at) AS last FROM conversations')[0];
    expect(range.first).toBeGreaterThan(seededAt - DEMO_DAYS * DAY - DAY);
    expect(range.first).toBeLessThan(seededAt - 12 * DAY);
    expect(range.last).toBeLessThanOrEqual(Date.now());
  });

  it('writes agent replies, private notes and system events, each conversation in time order', () => {
    const kinds = sql<{ direction: string; private: number; n: number }>('SELECT direction, private, count(*) AS n FROM messages GROUP BY direction, private');
    expect(kinds.map((k) => `${k.direction}${k.private ? ' note' : ''}`).sort()).toEqual(['incoming', 'outgoing', 'outgoing note', 'system']);
    const outOfOrder = sql(
      `SELECT m.id FROM messages m JOIN messages p ON p.conversation_id = m.conversation_id AND p.id < m.id
       WHERE p.created_at > m.created_at LIMIT 1`,
    );
    expect(outOfOrder).toEqual([]);
    const beforeStart = sql('SELECT m.id FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.created_at < c.created_at LIMIT 1');
    expect(beforeStart).toEqual([]);
    const sizes = sql<{ n: number }>("SELECT count(*) AS n FROM messages WHERE direction != 'system' GROUP BY conversation_id");
    expect(Math.min(...sizes.map((s) => s.n))).toBe(1);
    expect(Math.max(...sizes.map((s) => s.n))).toBe(6);
    const queued = sql("SELECT id FROM messages WHERE direction = 'outgoing' AND private = 0 AND status != 'sent' LIMIT 1");
    expect(queued).toEqual([]);
  });

  it('has messages in English, Polish, Finnish and Danish that search finds, diacritics included', () => {
    for (const q of ['zamówienie', 'zamowienie', 'dziękuję', 'tilaus', 'kiitos', 'ordre', 'kære', 'delivery']) {
      expect(app.conversations.list(admin, { q, limit: 50 }).items.length, q).toBeGreaterThan(0);
    }
    for (const letters of ['ą', 'ł', 'ż', 'ä', 'ö', 'æ', 'ø', 'å']) {
      expect(sql('SELECT id FROM messages WHERE instr(text, ?) > 0 LIMIT 1', letters).length, letters).toBe(1);
    }
  });

  it('has canned responses in every language, the customer’s language first, and shop-only entries kept to the shop', () => {
    const search = (auth: AuthContext, q: string, conversationId?: number) => app.knowledge.search(auth, { q, conversationId, limit: 50 }).items;
    expect(search(admin, 'refund').filter((e) => e.shortcut === 'refund').map((e) => e.language).sort()).toEqual(['da', 'en', 'fi', 'pl']);
    const polish = sql<{ id: number }>("SELECT conversation_id AS id FROM messages WHERE direction = 'incoming' AND instr(text, 'Dzień dobry') > 0 LIMIT 1")[0];
    expect(search(admin, 'ref', polish.id)[0]).toMatchObject({ shortcut: 'refund', language: 'pl' });
    const freja = app.users.findActiveByEmail(demoEmail(DEMO_USERS.find((u) => u.key === 'freja.jensen')!))!;
    const frejaAuth: AuthContext = { user: app.users.get(freja.id), via: 'session', sessionId: null, tokenId: null, memberInboxIds: app.users.memberInboxIds(freja.id) };
    expect(search(frejaAuth, 'invoice')).toEqual([]);
    expect(search(admin, 'invoice').length).toBe(2);
  });

  it('has SLA policies by country and channel, and clocks on its conversations started from their back-dated first messages', () => {
    expect(sql<{ name: string }>('SELECT name FROM sla_policies ORDER BY id').map((p) => p.name)).toHaveLength(5);
    const clocks = sql<{ n: number; earliest: number }>('SELECT COUNT(*) AS n, MIN(started_at) AS earliest FROM conversation_sla')[0];
    // Every unresolved conversation has its clock (resolved history is left without one).
    expect(clocks.n).toBe(count("conversations WHERE status != 'resolved'"));
    expect(clocks.n).toBeGreaterThan(50);
    expect(clocks.earliest).toBeLessThan(Date.now() - 7 * 86_400_000);
    const states = new Set(app.conversations.list(admin, { limit: 200 }).items.map((c) => c.sla?.state ?? 'none'));
    // Old open conversations are overdue, snoozed and pending ones stopped; the rest depend on the hour.
    expect(states).toContain('breached');
    expect(states).toContain('paused');
  });

  it('changes nothing when it runs a second time', async () => {
    const tables = ['users', 'inboxes', 'inbox_members', 'contacts', 'conversations', 'messages', 'events', 'jobs', 'knowledge_entries', 'sla_policies'];
    const before = tables.map(count);
    const again: string[] = [];
    await seedDemo(app, { log: (line) => again.push(line) });
    expect(tables.map(count)).toEqual(before);
    expect(again.join('\n')).toMatch(/already present/);
  });
});

describe('an interrupted demo seed', () => {
  it('is completed on the next run when only the users were written', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-demo-'));
    const app = createApp(loadEnv({ DATABASE_URL: `file:${path.join(dir, 'demo.db')}` }));
    try {
      await app.users.create({ email: DEMO_MARKER_EMAIL, name: 'Anna Nowak', password: DEMO_PASSWORD, role: 'agent' });
      const lines: string[] = [];
      await seedDemo(app, { log: (line) => lines.push(line) });
      expect(lines[0]).toMatch(/completing/);
      expect(app.users.list().filter((u) => u.email === DEMO_MARKER_EMAIL)).toHaveLength(1);
      expect(app.users.memberInboxIds(app.users.findActiveByEmail(DEMO_MARKER_EMAIL)!.id)).toHaveLength(2);
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the demo plan', () => {
  it('is the same on every run', () => {
    const now = Date.UTC(2025, 4, 14, 12);
    expect(planDemo(now)).toEqual(planDemo(now));
  });

  it('renders every text in every language without a leftover placeholder', () => {
    const vars = new Proxy({} as Record<string, string>, { get: (_, key) => `<${String(key)}>` });
    for (const lang of LANGS) {
      const p = PHRASES[lang];
      const texts = [
        ...Object.values(p).flat(),
        ...TOPICS.flatMap((t) => [...t.text[lang].subjects, ...t.text[lang].opens, ...t.text[lang].notes, ...t.text[lang].paths.flatMap((x) => [x.reply, x.follow, x.close])]),
      ];
      for (const text of texts) {
        for (const female of [true, false]) {
          const out = render(text, vars, female, !female);
          expect(out, `${lang}: ${text}`).not.toMatch(/[{}]|\[[^\]]*\|[^\]]*\]/);
        }
      }
      expect(WORLD[lang].money(12.5)).toMatch(/12[.,]50/);
    }
  });
});
