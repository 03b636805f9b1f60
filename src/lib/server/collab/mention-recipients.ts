import { handleOf, mentionedHandles } from '$lib/shared/mentions';
import type { Role } from '$lib/shared/schemas/common';
import { seesAllInboxes } from '../auth/roles';
import type { UserService } from '../users/user.service';

/**
 * The teammates a note names by handle who may open its conversation: never the author, never a
 * disabled account, never someone outside the inbox (a mention must not leak a conversation).
 */
export function mentionRecipients(users: UserService, text: string, inboxId: number, authorId: number | null): ReturnType<UserService['list']> {
  const handles = new Set(mentionedHandles(text));
  if (!handles.size) return [];
  return users
    .list()
    .filter((u) => u.id !== authorId && u.disabledAt === null && handles.has(handleOf(u.email)))
    .filter((u) => seesAllInboxes(u.role as Role) || users.memberInboxIds(u.id).includes(inboxId));
}
