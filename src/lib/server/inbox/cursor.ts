import { badRequest } from '../errors';

/** Opaque keyset cursors: `(time, id)` pairs, base64url so clients do not build them. */
export function encodeCursor(time: number, id: number): string {
  return Buffer.from(`${time}.${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { time: number; id: number } {
  const match = /^(\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badRequest('the cursor is not valid', 'invalid_cursor');
  return { time: Number(match[1]), id: Number(match[2]) };
}
