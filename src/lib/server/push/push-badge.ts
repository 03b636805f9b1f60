import type { ConversationService } from '../inbox/conversation.service';
import type { UserService } from '../users/user.service';

/**
 * The number on the app icon: the user's own open conversations with news they have not read,
 * the same number as the unread badge of their "Mine" view, counted as their console would.
 */
export function mineUnread(users: UserService, conversations: ConversationService): (userId: number) => number {
  return (userId) => {
    const user = users.get(userId);
    const auth = { user, via: 'session', sessionId: null, tokenId: null, memberInboxIds: users.memberInboxIds(userId) } as const;
    return conversations.counts(auth).mine.unread;
  };
}
