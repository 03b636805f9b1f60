import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/client';
import { EventBus, type PublishedEvent } from './event-bus';
import { EventLog } from './event-log';
import { GroupCommit } from './group-commit';

let db: Db | null = null;
afterEach(() => {
  db?.$client.close();
  db = null;
});

function setup(opts: { maxBatch?: number; maxBatchMs?: number } = {}) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sb-group-')), 'test.db');
  const statements: string[] = [];
  db = openDb(file, undefined, { onStatement: (sql) => statements.push(String(sql)) });
  db.$client.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE); CREATE TABLE indexed (text TEXT NOT NULL)');
  const bus = new EventBus();
  const log = new EventLog(db, bus);
  const published: { seq: number; committed: boolean }[] = [];
  const client = db.$client;
  bus.subscribe((e: PublishedEvent) => published.push({ seq: e.seq, committed: !client.inTransaction }));
  const group = new GroupCommit(client, log, opts);
  statements.length = 0;
  /** One member: a note and its event, through the event log as a service would write it. */
  const addNote = (text: string) =>
    log.transact((events) => {
      client.prepare('INSERT INTO notes (text) VALUES (?)').run(text);
      events.last(() => client.prepare('INSERT INTO indexed (text) VALUES (?)').run(text));
      return events.record('inbox.updated', { inboxId: 1 }, { inboxId: 1 }).seq;
    });
  const notes = () => client.prepare('SELECT text FROM notes ORDER BY id').pluck().all();
  const count = (sql: string) => statements.filter((s) => s === sql).length;
  return { file, client, log, group, published, addNote, notes, count, statements };
}

describe('group commit', () => {
  it('commits the writes of one event-loop turn in one transaction and answers each member with its own result', async () => {
    const { group, addNote, notes, count } = setup();
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((t) => group.run(() => ({ text: t, seq: addNote(t) }))));
    expect(results.map((r) => r.text)).toEqual(['a', 'b', 'c', 'd']);
    expect(new Set(results.map((r) => r.seq)).size).toBe(4);
    expect(notes()).toEqual(['a', 'b', 'c', 'd']);
    expect(count('BEGIN IMMEDIATE')).toBe(1);
    expect(count('COMMIT')).toBe(1);
  });

  it('rolls back only a failing member, which gets its own error while the others are stored', async () => {
    const { group, addNote, notes, published } = setup();
    const outcomes = await Promise.allSettled([
      group.run(() => addNote('first')),
      group.run(() => {
        addNote('half-written');
        throw new Error('member broke');
      }),
      group.run(() => addNote('first')), // unique violation inside the member's own statement
      group.run(() => addNote('last')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(outcomes[1].status === 'rejected' && String(outcomes[1].reason)).toContain('member broke');
    expect(outcomes[2].status === 'rejected' && String(outcomes[2].reason)).toContain('UNIQUE');
    expect(notes()).toEqual(['first', 'last']);
    const kept = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    expect(published.map((p) => p.seq)).toEqual(kept);
  });

  it('publishes the events of the batch only after the commit, and answers once another connection can read the writes', async () => {
    const { group, addNote, published, file } = setup();
    const reader = new Database(file, { readonly: true });
    const seenByReader: number[] = [];
    const during: number[] = [];
    await Promise.all(
      ['x', 'y'].map((t) =>
        group
          .run(() => {
            const seq = addNote(t);
            during.push(published.length);
            return seq;
          })
          .then(() => seenByReader.push(reader.prepare('SELECT count(*) FROM notes').pluck().get() as number)),
      ),
    );
    reader.close();
    expect(during).toEqual([0, 0]);
    expect(published).toHaveLength(2);
    expect(published.every((p) => p.committed)).toBe(true);
    expect(seenByReader).toEqual([2, 2]);
  });

  it('fails every member and announces nothing when the commit itself fails', async () => {
    const { group, client, addNote, notes, published } = setup();
    client.exec('CREATE TABLE parents (id INTEGER PRIMARY KEY); CREATE TABLE children (parent_id INTEGER REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED)');
    // A deferred foreign key is checked at COMMIT, not when a savepoint is released.
    const outcomes = await Promise.allSettled([group.run(() => addNote('ok')), group.run(() => client.prepare('INSERT INTO children VALUES (42)').run())]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(notes()).toEqual([]);
    expect(published).toEqual([]);
    expect(client.inTransaction).toBe(false);
  });

  it('runs the last writes of the kept members after every member, just before the commit', async () => {
    const { client, group, addNote, statements } = setup();
    await Promise.allSettled([
      group.run(() => addNote('a')),
      group.run(() => {
        addNote('rolled back');
        throw new Error('member broke');
      }),
      group.run(() => addNote('b')),
    ]);
    expect(client.prepare('SELECT text FROM indexed ORDER BY rowid').pluck().all()).toEqual(['a', 'b']);
    const shown = statements.filter((s) => /^(INSERT|COMMIT|SAVEPOINT|RELEASE)/.test(s)).map((s) => s.split(' ').slice(0, 3).join(' '));
    const firstIndexed = shown.indexOf('INSERT INTO indexed');
    expect(firstIndexed).toBeGreaterThan(shown.lastIndexOf('INSERT INTO notes'));
    expect(shown.slice(firstIndexed)).toEqual(['INSERT INTO indexed', 'INSERT INTO indexed', 'COMMIT']);
  });

  it('splits a large burst into transactions of at most maxBatch members', async () => {
    const { group, addNote, notes, count } = setup({ maxBatch: 2 });
    await Promise.all(['1', '2', '3', '4', '5'].map((t) => group.run(() => addNote(t))));
    expect(notes()).toEqual(['1', '2', '3', '4', '5']);
    expect(count('COMMIT')).toBe(3);
  });

  it('closes a batch that has run for maxBatchMs, leaving the rest to the next transaction', async () => {
    const { group, addNote, notes, count } = setup({ maxBatchMs: 1 });
    const slowNote = (t: string) => {
      const until = performance.now() + 3;
      while (performance.now() < until) {
        // a member that takes 3 ms
      }
      return addNote(t);
    };
    await Promise.all(['1', '2', '3'].map((t) => group.run(() => slowNote(t))));
    expect(notes()).toEqual(['1', '2', '3']);
    expect(count('COMMIT')).toBe(3);
  });

  it('runs each member in the async context of its own caller', async () => {
    const { group, addNote } = setup();
    const request = new AsyncLocalStorage<string>();
    const seen = await Promise.all(['r1', 'r2', 'r3'].map((id) => request.run(id, () => group.run(() => (addNote(id), request.getStore())))));
    expect(seen).toEqual(['r1', 'r2', 'r3']);
  });

  it('leaves transactions outside a group publishing at their own commit', () => {
    const { addNote, published } = setup();
    addNote('alone');
    expect(published).toHaveLength(1);
  });
});
