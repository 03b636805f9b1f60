import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { reusingStatements } from './reused-statements';

const items = sqliteTable('items', { id: integer('id').primaryKey(), name: text('name').notNull() });

function setup() {
  const sqlite = new Database(':memory:');
  sqlite.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  return { sqlite, client: reusingStatements(sqlite) };
}

describe('statement reuse for drizzle', () => {
  it('compiles each SQL text once', () => {
    const { client } = setup();
    const a = client.prepare('SELECT * FROM items WHERE id = ?');
    expect(client.prepare('SELECT * FROM items WHERE id = ?')).toBe(a);
    expect(client.prepare('SELECT * FROM items WHERE id > ?')).not.toBe(a);
  });

  it('hands a reused statement back in object mode after drizzle used it raw', () => {
    const { sqlite, client } = setup();
    const db = drizzle(client);
    db.insert(items).values({ id: 1, name: 'one' }).run();
    // drizzle reads mapped selections in raw (array) mode ...
    expect(db.select({ name: items.name }).from(items).where(eq(items.id, 1)).get()).toEqual({ name: 'one' });
    // ... and plain SQL in object mode, through the same statement when the text is the same.
    const text = db.select({ name: items.name }).from(items).where(eq(items.id, 1)).toSQL().sql;
    expect(client.prepare(text).get(1)).toEqual({ name: 'one' });
    expect(db.all(sql`select ${items.name} from ${items} where ${items.id} = ${1}`)).toEqual([{ name: 'one' }]);
    expect(sqlite.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 1 });
  });

  it('keeps transactions on the one connection', () => {
    const { sqlite, client } = setup();
    const db = drizzle(client);
    expect(() =>
      db.transaction((tx) => {
        tx.insert(items).values({ id: 2, name: 'two' }).run();
        expect(sqlite.inTransaction).toBe(true);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(sqlite.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 0 });
  });
});
