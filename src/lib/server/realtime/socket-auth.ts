import type { IncomingMessage } from 'node:http';
import type { SwitchboardApp } from '../app';
import type { AuthContext } from '../auth/auth-context';
import { SESSION_COOKIE } from '../http/cookies';

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

/** The caller of a socket handshake: `auth.token` (API token) or the session cookie. */
export function authenticateHandshake(app: SwitchboardApp, req: IncomingMessage, auth: Record<string, unknown>): AuthContext | null {
  const token = typeof auth.token === 'string' ? auth.token.replace(/^Bearer\s+/i, '') : null;
  if (token) return app.auth.fromBearer(token);
  const session = cookieValue(req.headers.cookie, SESSION_COOKIE);
  return session ? app.auth.fromSession(session) : null;
}

/** Browsers always send Origin; refuse any that is not this app's own. */
export function originAllowed(req: IncomingMessage, publicUrl: string): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  const own = new Set([new URL(publicUrl).origin]);
  const host = req.headers.host;
  if (host) own.add(`http://${host}`).add(`https://${host}`);
  return own.has(origin);
}
