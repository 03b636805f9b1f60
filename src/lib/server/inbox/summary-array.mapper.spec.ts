import { afterEach, describe, expect, it } from 'vitest';
import { authFor, customerMessage, makeInbox, makeUser, testApp } from '../../../../tests/factories/app.factory';
import type { SwitchboardApp } from '../app';
import { SUMMARY_COLUMNS, SUMMARY_FROM, toSummary, type SummaryRow } from './conversation.mapper';
import { SUMMARY_ARRAY_KEYS, toSummaryFromArray, type SummaryArray } from './summary-array.mapper';

let app: SwitchboardApp;
afterEach(async () => app?.close());

const SQL = `SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} ORDER BY c.id`;

describe('conversation summaries read as arrays', () => {
  it('name the summary columns in select order', () => {
    app = testApp();
    expect(app.db.$client.prepare(SQL).columns().map((c) => c.name)).toEqual([...SUMMARY_ARRAY_KEYS]);
  });

  it('map to the same summaries as object rows, key for key', async () => {
    app = testApp();
    const anna = await makeUser(app, 'agent', 'Anna');
    const inbox = makeInbox(app, [anna.id]);
    const auth = authFor(app, anna);
    const ids = [1, 2, 3, 4].map(() => app.messages.ingest(inbox.record, customerMessage({ subject: 'Hi' })).conversationId);
    app.conversations.update(auth, ids[0], { assigneeId: anna.id, labels: ['vip', 'billing'], priority: 'urgent' });
    app.conversations.update(auth, ids[1], { status: 'snoozed', snoozedUntil: new Date(Date.now() + 3_600_000).toISOString() });
    app.conversations.markRead(auth, ids[2]);
    const sql = app.db.$client;
    sql.prepare('UPDATE conversations SET escalated_at = ?, escalated_by = ?, escalation_reason = ? WHERE id = ?').run(Date.now(), anna.id, 'angry', ids[3]);
    const policy = sql.prepare("INSERT INTO sla_policies (name, first_response_minutes, resolution_minutes, created_at, updated_at) VALUES ('Std', 60, 600, 0, 0)").run().lastInsertRowid;
    const now = Date.now();
    const clock = sql.prepare(`INSERT OR REPLACE INTO conversation_sla (conversation_id, policy_id, started_at, paused_at, first_response_due_at,
      first_response_warn_at, first_response_met_at, first_response_breached_at, resolution_due_at, resolution_warn_at, resolution_met_at,
      resolution_breached_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`);
    clock.run(ids[0], policy, now, null, now + 60_000, now - 1, null, null, now + 600_000, now + 500_000, null, null);
    clock.run(ids[3], policy, now, now, now - 60_000, now - 90_000, now - 30_000, now - 50_000, now + 600_000, null, null, null);

    const userId = anna.id;
    const objects = sql.prepare<[number], SummaryRow>(SQL).all(userId);
    const arrays = sql.prepare<[number], SummaryArray>(SQL).raw(true).all(userId);
    const at = Date.now();
    const viaObjects = objects.map((r) => toSummary(r));
    expect(viaObjects.map((s) => s.sla.state)).toEqual([expect.any(String), null, null, 'paused']);
    expect(viaObjects.some((s) => s.escalation) && viaObjects.some((s) => s.snoozedUntil) && viaObjects.some((s) => !s.unread)).toBe(true);
    expect(JSON.stringify(arrays.map((r) => toSummaryFromArray(r, at)))).toBe(JSON.stringify(viaObjects));
  });
});
