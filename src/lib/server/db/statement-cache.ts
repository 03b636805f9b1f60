import type Database from 'better-sqlite3';

/** Prepared statements by SQL text: dynamic filters produce a handful of shapes, each prepared once. */
export class StatementCache {
  readonly #cache = new Map<string, Database.Statement>();
  readonly #raw = new Map<string, Database.Statement>();
  constructor(private readonly sqlite: Database.Database) {}

  get<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    return this.#prepared(this.#cache, sql, false) as Database.Statement<P, R>;
  }

  /**
   * The statement answering rows as arrays of column values, in select order. For hot reads of
   * many columns: better-sqlite3 gives an object row a property per column, which costs more
   * than the query on a page of 50 wide rows.
   */
  getRaw<P extends unknown[] = unknown[], R extends unknown[] = unknown[]>(sql: string): Database.Statement<P, R> {
    return this.#prepared(this.#raw, sql, true) as Database.Statement<P, R>;
  }

  #prepared(cache: Map<string, Database.Statement>, sql: string, raw: boolean): Database.Statement {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = this.sqlite.prepare(sql);
      if (raw) stmt.raw(true);
      if (cache.size > 500) cache.clear();
      cache.set(sql, stmt);
    }
    return stmt;
  }
}
