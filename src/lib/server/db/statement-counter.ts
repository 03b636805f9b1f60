import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Counts the SQL statements each HTTP request runs (debug only: `SQL_STATEMENT_HEADER=1`). The
 * database reports every statement it executes; the request it belongs to is found through
 * async context, so concurrent requests do not mix their counts.
 */
export class StatementCounter {
  readonly #scope = new AsyncLocalStorage<{ statements: number }>();

  /** Passed to better-sqlite3 as its `verbose` callback. */
  readonly onStatement = (): void => {
    const scope = this.#scope.getStore();
    if (scope) scope.statements++;
  };

  async measure<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
    const scope = { statements: 0 };
    const result = await this.#scope.run(scope, fn);
    return { result, statements: scope.statements };
  }
}
