import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type SwitchboardApp } from '../app';
import { loadEnv } from '../env';

describe('resolved sessions and tokens kept in memory', () => {
  let dir: string;
  let app: SwitchboardApp;
  let userId: number;
  let inboxId: number;
  let n = 0;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-auth-'));
    app = createApp(loadEnv({ DATABASE_URL: `file:${path.join(dir, 'auth.db')}`, SMTP_PORT: '0', LOG_LEVEL: 'silent' }));
    inboxId = app.inboxes.create({ name: 'Shop', channel: 'api', settings: {} }).id;
  });

  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function session() {
    const email = `agent${++n}@example.com`;
    userId = (await app.users.create({ email, name: 'Anna', password: 'agent-password-1', role: 'agent' })).id;
    app.inboxes.addMember(inboxId, userId);
    return (await app.auth.login(email, 'agent-password-1', '127.0.0.1')).token;
  }

  it('answers a repeated request from memory, as the same unchangeable context', async () => {
    const token = await session();
    const first = app.auth.fromSession(token)!;
    expect(app.auth.fromSession(token)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.memberInboxIds)).toBe(true);
  });

  it('sees a membership removed, a role changed and a name edited by the very next request', async () => {
    const token = await session();
    expect(app.auth.fromSession(token)!.memberInboxIds).toEqual([inboxId]);
    app.inboxes.removeMember(inboxId, userId);
    expect(app.auth.fromSession(token)!.memberInboxIds).toEqual([]);
    await app.users.update(userId, { role: 'lead' });
    expect(app.auth.fromSession(token)!.user.role).toBe('lead');
    // Even a write that bypasses the services is seen: the database itself moves the version.
    app.db.$client.prepare('UPDATE users SET name = ? WHERE id = ?').run('Anna Nowak', userId);
    expect(app.auth.fromSession(token)!.user.name).toBe('Anna Nowak');
  });

  it('forgets a session that logged out, a disabled user and a deleted inbox’s membership', async () => {
    const token = await session();
    const auth = app.auth.fromSession(token)!;
    app.auth.logout(auth.sessionId!, userId);
    expect(app.auth.fromSession(token)).toBeNull();

    const other = await session();
    expect(app.auth.fromSession(other)).not.toBeNull();
    await app.users.update(userId, { disabled: true });
    expect(app.auth.fromSession(other)).toBeNull();

    const third = await session();
    const extra = app.inboxes.create({ name: 'Extra', channel: 'api', settings: {} }).id;
    app.inboxes.addMember(extra, userId);
    expect(app.auth.fromSession(third)!.memberInboxIds).toContain(extra);
    app.db.$client.prepare('DELETE FROM inboxes WHERE id = ?').run(extra);
    expect(app.auth.fromSession(third)!.memberInboxIds).not.toContain(extra);
  });

  it('forgets a revoked API token', async () => {
    await session();
    const created = app.auth.createToken(userId, 'script');
    expect(app.auth.fromBearer(created.token)?.user.id).toBe(userId);
    expect(app.auth.fromBearer(created.token)?.user.id).toBe(userId);
    app.auth.revokeToken(userId, created.id);
    expect(app.auth.fromBearer(created.token)).toBeNull();
  });
});
