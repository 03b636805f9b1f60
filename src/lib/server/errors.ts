// A registered symbol, because server.ts and the SvelteKit build each bundle their own copy of
// this class: `instanceof` would fail for an error thrown by the other copy.
const BRAND = Symbol.for('switchboard.AppError');

/** An error meant for the caller: it becomes `{error:{code,message}}` with its HTTP status. */
export class AppError extends Error {
  readonly [BRAND] = true;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: unknown[],
  ) {
    super(message);
  }

  static [Symbol.hasInstance](value: unknown): value is AppError {
    return typeof value === 'object' && value !== null && BRAND in value;
  }
}

export const notFound = (what = 'resource') => new AppError(404, 'not_found', `${what} not found`);
export const forbidden = (message = 'you may not do this') => new AppError(403, 'forbidden', message);
export const badRequest = (message: string, code = 'bad_request') => new AppError(400, code, message);
export const conflict = (message: string, code = 'conflict') => new AppError(409, code, message);
export const unauthorized = (message = 'log in first') => new AppError(401, 'unauthorized', message);
