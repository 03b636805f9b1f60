import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StatementCounter } from './statement-counter';

describe('statement counter', () => {
  it('counts the statements run inside each measured call, apart from concurrent ones', async () => {
    const counter = new StatementCounter();
    const db = new Database(':memory:', { verbose: counter.onStatement });
    db.exec('CREATE TABLE t (x INTEGER)');
    const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
    const tick = () => new Promise((r) => setTimeout(r, 5));
    const [a, b] = await Promise.all([
      counter.measure(async () => {
        insert.run(1);
        await tick();
        insert.run(2);
        return db.prepare('SELECT count(*) AS n FROM t').get();
      }),
      counter.measure(async () => {
        await tick();
        insert.run(3);
      }),
    ]);
    expect(a.statements).toBe(3);
    expect(b.statements).toBe(1);
    insert.run(4);
    expect((await counter.measure(async () => null)).statements).toBe(0);
  });
});
