import type { Handle } from '@sveltejs/kit';

/**
 * Debug (SQL_STATEMENT_HEADER=1, off by default): every answer says in `x-sql-statements` how many
 * SQL statements its request ran, authentication included. The benchmark suite reads it.
 */
export const statementHeader: Handle = async ({ event, resolve }) => {
  const counter = event.platform?.req?.switchboard?.statements;
  if (!counter) return resolve(event);
  const { result, statements } = await counter.measure(() => Promise.resolve(resolve(event)));
  result.headers.set('x-sql-statements', String(statements));
  return result;
};
