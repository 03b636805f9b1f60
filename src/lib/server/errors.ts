/** An error meant for the caller: it becomes `{error:{code,message}}` with its HTTP status. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: unknown[],
  ) {
    super(message);
  }
}

export const notFound = (what = 'resource') => new AppError(404, 'not_found', `${what} not found`);
export const forbidden = (message = 'you may not do this') => new AppError(403, 'forbidden', message);
export const badRequest = (message: string, code = 'bad_request') => new AppError(400, code, message);
export const conflict = (message: string, code = 'conflict') => new AppError(409, code, message);
export const unauthorized = (message = 'log in first') => new AppError(401, 'unauthorized', message);
