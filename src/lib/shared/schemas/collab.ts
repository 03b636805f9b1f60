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
