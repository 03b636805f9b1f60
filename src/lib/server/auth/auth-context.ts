import type { User } from '$lib/shared/schemas/user';
import { forbidden, notFound } from '../errors';
import { atLeast, seesAllInboxes } from './roles';
import type { Role } from '$lib/shared/schemas/common';

/** Who is calling, and what they may see: built per request (REST) or per socket. */
export interface AuthContext {
  user: User;
  via: 'session' | 'token';
  sessionId: number | null;
  tokenId: number | null;
  memberInboxIds: number[];
}

export function canSeeInbox(auth: AuthContext, inboxId: number): boolean {
  return seesAllInboxes(auth.user.role) || auth.memberInboxIds.includes(inboxId);
}

/** Answers 404, not 403, so that an outsider cannot learn that a conversation exists. */
export function assertInbox(auth: AuthContext, inboxId: number, what = 'conversation'): void {
  if (!canSeeInbox(auth, inboxId)) throw notFound(what);
}

export function requireRole(auth: AuthContext, minimum: Role): void {
  if (!atLeast(auth.user.role, minimum)) throw forbidden(`this needs the ${minimum} role or higher`);
}

/** The inbox ids to filter on, or null when the caller sees every inbox. */
export function visibleInboxIds(auth: AuthContext): number[] | null {
  return seesAllInboxes(auth.user.role) ? null : auth.memberInboxIds;
}
