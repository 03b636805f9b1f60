import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import * as schema from './schema';
import { reusingStatements } from './reused-statements';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** `onStatement` is called with every statement executed (debug statement counting). */
export function openDb(file: string, migrationsFolder = path.resolve('drizzle'), opts: { onStatement?: (sql?: unknown) => void } = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file, opts.onStatement ? { verbose: opts.onStatement } : {});
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // WAL + NORMAL: a commit is not fsynced, the WAL is at checkpoints. A crash of the process loses
  // nothing committed; a power cut may lose the last commits, never corrupts. The automatic
  // checkpoint (every 1000 pages, inside a commit) was measured at about 1.5% of the server's time
  // in an inbound burst (bench ingest-http), so it is left where SQLite puts it.
  sqlite.pragma('synchronous = NORMAL');
  // Drizzle compiles through the statement-reusing view; everything else gets the plain connection.
  const db = Object.assign(drizzle(reusingStatements(sqlite), { schema }), { $client: sqlite });
  migrate(db, { migrationsFolder });
  return db;
}
