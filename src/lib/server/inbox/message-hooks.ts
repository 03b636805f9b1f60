import type { Message } from '$lib/shared/schemas/message';
import type { Db } from '../db/client';
import type { messages } from '../db/schema';
import type { EventRecorder } from '../events/event-log';
import type { InboxRecord } from '../channels/channel-adapter';

type MessageRow = typeof messages.$inferSelect;

/** A conversation a customer's first message just started (inside the ingest transaction). */
export interface StartedConversation {
  conversationId: number;
  inbox: InboxRecord;
  subject: string | null;
  text: string;
  /** The first message was sent by a machine (auto-reply, bounce): nothing may answer it automatically. */
  autoSubmitted: boolean;
}

/**
 * Runs after the first message of a new conversation is stored and before `conversation.created`
 * is recorded, so what it changes on the conversation is in that event. It may return a
 * follow-up that runs once the created events are recorded (e.g. to send an automatic answer).
 */
export type ConversationStartedHook = (events: EventRecorder, started: StartedConversation) => (() => void) | void;

/** Runs in the transaction that changes an outgoing message's delivery status. */
export type OutgoingStatusHook = (events: EventRecorder, message: MessageRow) => void;

/** Runs in the transaction that stores an agent's private note (e.g. to record its @mentions). */
export type NoteStoredHook = (events: EventRecorder, note: { conversationId: number; inboxId: number; message: Message }) => void;

/** An automatic message (crisis acknowledgement or broadcast) as stored. */
export type AutomatedMessage = { message: Message; refused: string | null };

/**
 * Runs another domain's hook in a savepoint: if it fails, its writes and events are undone and
 * the error logged, so the customer's message is stored all the same.
 */
export function runIsolated<T>(db: Db, events: EventRecorder, what: string, fn: () => T): T | undefined {
  const mark = { pending: events.pending.length, lastWrites: events.lastWrites.length };
  try {
    return db.$client.transaction(fn)();
  } catch (err) {
    events.pending.splice(mark.pending);
    events.lastWrites.splice(mark.lastWrites);
    console.error(`[messages] ${what} failed`, err);
    return undefined;
  }
}
