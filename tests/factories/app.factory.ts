import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type SwitchboardApp } from '../../src/lib/server/app';
import { loadEnv } from '../../src/lib/server/env';
import type { AuthContext } from '../../src/lib/server/auth/auth-context';
import type { Role } from '../../src/lib/shared/schemas/common';

/** An app on a fresh SQLite file (real migrations, no timers, no HTTP). */
export function testApp(): SwitchboardApp {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-unit-'));
  return createApp(loadEnv({ DATABASE_URL: `file:${path.join(dir, 'test.db')}`, LOG_LEVEL: 'silent' }));
}

let n = 0;

export async function makeUser(app: SwitchboardApp, role: Role = 'agent', name = `User ${++n}`) {
  return app.users.create({ email: `user${++n}-${Date.now()}@example.com`, name, password: 'password-123456', role });
}

export function makeInbox(app: SwitchboardApp, memberIds: number[] = [], name = `Inbox ${++n}`) {
  const inbox = app.inboxes.create({ name, channel: 'api', settings: {} });
  for (const id of memberIds) app.inboxes.addMember(inbox.id, id);
  return { ...inbox, record: app.inboxes.record(inbox.id) };
}

export function authFor(app: SwitchboardApp, user: { id: number }): AuthContext {
  const u = app.users.get(user.id);
  return { user: u, via: 'session', sessionId: null, tokenId: null, memberInboxIds: app.users.memberInboxIds(u.id) };
}

export function customerMessage(overrides: Partial<Parameters<SwitchboardApp['messages']['ingest']>[1]> = {}) {
  return {
    contact: { externalId: `c-${++n}`, name: 'Zofia Łukasik' },
    externalMessageId: `m-${++n}`,
    text: 'Hello',
    ...overrides,
  };
}
