/**
 * THE socket contract. Server -> client facts are `resource.past_tense` with one payload type
 * each (carrying `seq`); client -> server commands are `resource:verb`, zod-checked on the
 * server, answered with an `Ack`.
 */
import { z } from 'zod';
import type { EventPayloadMap, LoggedEvent, TypingPayload } from './schemas/events';
import { PresenceStatus } from './schemas/common';
import { CreateMessageBody, type Message } from './schemas/message';
import { WallboardJoinCommand, type LiveMetrics } from './schemas/metrics';
import { ViewingCommand, type ConversationViewers } from './schemas/collab';

export type AckError = { code: string; message: string };
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };
export type AckFn<T> = (ack: Ack<T>) => void;

type Facts = { [K in keyof EventPayloadMap]: (payload: EventPayloadMap[K]) => void };

export interface ServerToClientEvents extends Facts {
  /**
   * Several facts committed together (a burst of inbound messages, or the events of one change),
   * in seq order: what the socket would otherwise get as one event each. A lone fact still comes
   * as its own event, so a client listens to both.
   */
  facts: (events: LoggedEvent[]) => void;
  typing: (payload: TypingPayload) => void;
  /** Who has a conversation open (volatile, like `typing`; the whole list each time). */
  'conversation.viewers': (payload: ConversationViewers) => void;
  /** The session behind this socket ended (logout, disabled user). */
  'session.ended': (payload: { reason: string }) => void;
  /** Wallboard figures of the socket's scope, pushed when they change (after `wallboard:join`). */
  'metrics.live': (payload: LiveMetrics) => void;
}

export const SyncCommand = z.object({ since: z.number().int().min(0) }).strict();
export const PresenceCommand = z.object({ status: PresenceStatus.exclude(['offline']) }).strict();
export const TypingCommand = z.object({ conversationId: z.number().int().positive(), typing: z.boolean() }).strict();
export const ReadCommand = z.object({ conversationId: z.number().int().positive() }).strict();
/** Same fields and rules as `POST /api/conversations/{id}/messages` (CreateMessageBody). */
export const MessageCreateCommand = CreateMessageBody.extend({ conversationId: z.number().int().positive() }).strict();

export { WallboardJoinCommand };
export { ViewingCommand };

export type SyncResultData = { events: LoggedEvent[]; seq: number; hasMore: boolean };

export interface ClientToServerEvents {
  sync: (payload: z.input<typeof SyncCommand>, ack: AckFn<SyncResultData>) => void;
  'presence:set': (payload: z.input<typeof PresenceCommand>, ack?: AckFn<null>) => void;
  'typing:set': (payload: z.input<typeof TypingCommand>, ack?: AckFn<null>) => void;
  'conversation:read': (payload: z.input<typeof ReadCommand>, ack?: AckFn<null>) => void;
  'message:create': (payload: z.input<typeof MessageCreateCommand>, ack: AckFn<Message>) => void;
  /** Lead or higher: join the wallboard of one's scope; answers the current figures. */
  'wallboard:join': (payload: z.input<typeof WallboardJoinCommand>, ack: AckFn<LiveMetrics>) => void;
  /** The conversation this console shows (null: none); the ack carries its current viewers. */
  'viewing:set': (payload: z.input<typeof ViewingCommand>, ack?: AckFn<ConversationViewers | null>) => void;
}

export interface InterServerEvents {
  ping: () => void;
}
