import { afterEach, describe, expect, it } from 'vitest';
import { authFor, customerMessage, makeInbox, makeUser, testApp } from '../../../../tests/factories/app.factory';
import type { SwitchboardApp } from '../app';

let app: SwitchboardApp;
afterEach(async () => app?.close());

describe('view counts and labels', () => {
  it('counts open conversations per view the way the default lists show them', async () => {
    app = testApp();
    const anna = await makeUser(app, 'agent');
    const inbox = makeInbox(app, [anna.id]);
    const auth = authFor(app, anna);
    const ids = [1, 2, 3, 4].map(() => app.messages.ingest(inbox.record, customerMessage()).conversationId);
    app.conversations.update(auth, ids[0], { assigneeId: anna.id });
    app.conversations.update(auth, ids[1], { status: 'pending' });
    app.conversations.update(auth, ids[2], { status: 'resolved' });
    app.conversations.markRead(auth, ids[3]);

    const counts = app.conversations.counts(auth);
    expect(counts.mine).toEqual({ open: 1, unread: 1 });
    expect(counts.unassigned).toEqual({ open: 1, unread: 0 });
    expect(counts.all).toEqual({ open: 2, unread: 1 });
    const listed = app.conversations.list(auth, { status: 'open', limit: 50 }).items;
    expect(listed).toHaveLength(counts.all.open);
  });

  it('lists the labels in use on conversations the caller can see', async () => {
    app = testApp();
    const anna = await makeUser(app, 'agent');
    const mine = makeInbox(app, [anna.id]);
    const other = makeInbox(app, []);
    const auth = authFor(app, anna);
    const admin = authFor(app, await makeUser(app, 'admin'));
    const a = app.messages.ingest(mine.record, customerMessage()).conversationId;
    const b = app.messages.ingest(mine.record, customerMessage()).conversationId;
    const hidden = app.messages.ingest(other.record, customerMessage()).conversationId;
    app.conversations.update(auth, a, { labels: ['vip', 'billing'] });
    app.conversations.update(auth, b, { labels: ['billing'] });
    app.conversations.update(admin, hidden, { labels: ['secret'] });
    expect(app.conversations.labels(auth)).toEqual([
      { name: 'billing', count: 2 },
      { name: 'vip', count: 1 },
    ]);
    expect(app.conversations.labels(admin).map((l) => l.name)).toContain('secret');
  });
});
