import type Database from 'better-sqlite3';

/** Prepared statements by SQL text: dynamic filters produce a handful of shapes, each prepared once. */
export class StatementCache {
  readonly #cache = new Map<string, Database.Statement>();
  constructor(private readonly sqlite: Database.Database) {}

  get<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let stmt = this.#cache.get(sql);
    if (!stmt) {
      stmt = this.sqlite.prepare(sql);
      if (this.#cache.size > 500) this.#cache.clear();
      this.#cache.set(sql, stmt);
    }
    return stmt as Database.Statement<P, R>;
  }
}
