import { z } from 'zod';

/** One agent with a conversation open (several tabs of one agent count once). */
export const ConversationViewer = z.object({ userId: z.number().int(), name: z.string() });
export type ConversationViewer = z.infer<typeof ConversationViewer>;

/**
 * Who has a conversation open right now, sent whole on every change to the conversation's inbox
 * audience. Not logged: it describes live sockets, so a console that reconnects announces itself
 * again and gets the current list in the ack.
 */
export const ConversationViewers = z.object({ conversationId: z.number().int(), viewers: z.array(ConversationViewer) });
export type ConversationViewers = z.infer<typeof ConversationViewers>;

/** The conversation this socket shows, or null when it shows none. */
export const ViewingCommand = z.object({ conversationId: z.number().int().positive().nullable() }).strict();

/** An @mention of me in a private note, as my Mentions view lists it. */
export const Mention = z.object({
  id: z.number().int(),
  conversationId: z.number().int(),
  messageId: z.number().int(),
  author: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** The customer of the conversation, to say where the mention is. */
  contactName: z.string(),
  /** The start of the note, on one line. */
  excerpt: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Mention = z.infer<typeof Mention>;

export const MentionList = z.object({
  items: z.array(Mention),
  /** How many of all my mentions are unread (not only of this page). */
  unread: z.number().int(),
  /** Pass as `before` for the next (older) page; null at the end. */
  nextCursor: z.string().nullable(),
});
export type MentionList = z.infer<typeof MentionList>;

export const MentionListQuery = z
  .object({
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
    unread: z.enum(['1', 'true']).optional(),
  })
  .strict();

/** Which of my mentions to mark read: some by id, those of one conversation, or all. */
export const MarkMentionsReadBody = z.union([
  z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) }).strict(),
  z.object({ conversationId: z.number().int().positive() }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export type MarkMentionsReadBody = z.infer<typeof MarkMentionsReadBody>;

export const MentionsReadResult = z.object({ ids: z.array(z.number().int()), unread: z.number().int() });
