import type Database from 'better-sqlite3';

/**
 * The connection as drizzle sees it: `prepare()` hands back the statement already compiled for the
 * same SQL text instead of compiling it again. Drizzle prepares on every query it builds, and
 * compiling cost more than running on the hot paths (ingest, auth, thread reads). Other code keeps
 * the plain connection, so a statement it holds is never shared. Drizzle switches a statement to
 * raw mode right before the calls that want it; a reused one is switched back first.
 */
export function reusingStatements(sqlite: Database.Database, max = 1000): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const client = Object.create(sqlite) as Database.Database;
  const prepare = (source: string): Database.Statement => {
    let stmt = cache.get(source);
    if (stmt) {
      if (stmt.reader) stmt.raw(false);
      return stmt;
    }
    stmt = sqlite.prepare(source);
    if (cache.size >= max) cache.clear();
    cache.set(source, stmt);
    return stmt;
  };
  client.prepare = prepare as Database.Database['prepare'];
  return client;
}
