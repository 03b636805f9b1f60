import type { AuthContext } from '../auth/auth-context';
import { seesAllInboxes } from '../auth/roles';

export const ALL_INBOXES = 'inboxes:all';
export const inboxRoom = (id: number) => `inbox:${id}`;
export const userRoom = (id: number) => `user:${id}`;
export const sessionRoom = (id: number) => `session:${id}`;
export const tokenRoom = (id: number) => `token:${id}`;

/** Rooms are computed on the server from memberships; a client never names one. */
export function roomsFor(auth: AuthContext): string[] {
  const rooms = [userRoom(auth.user.id)];
  if (auth.sessionId !== null) rooms.push(sessionRoom(auth.sessionId));
  if (auth.tokenId !== null) rooms.push(tokenRoom(auth.tokenId));
  if (seesAllInboxes(auth.user.role)) rooms.push(ALL_INBOXES);
  else rooms.push(...auth.memberInboxIds.map(inboxRoom));
  return rooms;
}

/** Where an event scoped to an inbox goes: its members and everyone who sees all inboxes. */
export const inboxAudience = (inboxId: number) => [inboxRoom(inboxId), ALL_INBOXES];
