import { z } from 'zod';
import { PresenceStatus } from './common';
import { ConversationSummary } from './conversation';
import { Message } from './message';
import { Draft } from './draft';
import { BroadcastProgress, Incident } from './incident';
import { EscalationRaised } from './floor';
import { CsatRated } from './csat';
import { Mention } from './collab';

/**
 * Facts the server pushes. Each one is also a row of the event log, so `GET /api/sync` and the
 * socket carry the same payloads; `seq` orders them.
 */
export const MessageCreated = z.object({ seq: z.number().int(), conversationId: z.number().int(), inboxId: z.number().int(), message: Message });
export const MessageUpdated = MessageCreated;
export const ConversationChanged = z.object({
  seq: z.number().int(),
  conversation: ConversationSummary.omit({ unread: true }),
  /** Which fields changed, so a console can say "assigned to you" without diffing. */
  changes: z.array(z.string()),
  actorId: z.number().int().nullable(),
});
export const PresenceUpdated = z.object({ seq: z.number().int(), userId: z.number().int(), name: z.string(), status: PresenceStatus });
export const Typing = z.object({ seq: z.number().int(), conversationId: z.number().int(), userId: z.number().int(), name: z.string(), typing: z.boolean() });
export const InboxChanged = z.object({ seq: z.number().int(), inboxId: z.number().int() });
/** Sent to one user when their access changed (role, membership): reload what you can see. */
/** Sent to the draft's author only: a save or a send on another device (or tab) changed it. */
export const DraftUpdated = z.object({ seq: z.number().int(), draft: Draft });
/** Sent to every console: an incident was declared, updated (or edited), or resolved. */
export const IncidentChanged = z.object({ seq: z.number().int(), incident: Incident });
/** A broadcast to linked customers moved on (sent / failed / remaining). */
export const IncidentProgress = z.object({ seq: z.number().int(), incidentId: z.number().int(), progress: BroadcastProgress });
export const AccessChanged = z.object({ seq: z.number().int(), reason: z.string() });

/** Sent to the mentioned user only: a teammate @mentioned them in a private note. */
export const MentionCreated = z.object({ seq: z.number().int(), mention: Mention, unread: z.number().int() });
/** Sent to the user only: some of their mentions were read (on any of their devices). */
export const MentionsRead = z.object({ seq: z.number().int(), ids: z.array(z.number().int()), unread: z.number().int() });

export const eventSchemas = {
  'message.created': MessageCreated,
  'message.updated': MessageUpdated,
  'conversation.created': ConversationChanged,
  'conversation.updated': ConversationChanged,
  'presence.updated': PresenceUpdated,
  'inbox.updated': InboxChanged,
  'access.changed': AccessChanged,
  'draft.updated': DraftUpdated,
  'incident.declared': IncidentChanged,
  'incident.updated': IncidentChanged,
  'incident.resolved': IncidentChanged,
  'incident.progress': IncidentProgress,
  'conversation.escalated': EscalationRaised,
  'csat.rated': CsatRated,
  'mention.created': MentionCreated,
  'mention.read': MentionsRead,
} as const;

export type EventType = keyof typeof eventSchemas;
export type EventPayload<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;
export type EventPayloadMap = { [K in EventType]: EventPayload<K> };
export type TypingPayload = z.infer<typeof Typing>;

/** One logged event as `GET /api/sync` and the `sync` command return it. */
export type LoggedEvent = { [K in EventType]: { seq: number; type: K; payload: EventPayload<K> } }[EventType];

export const SyncQuery = z.object({ since: z.coerce.number().int().min(0), limit: z.coerce.number().int().min(1).max(1000).default(500) }).strict();
export const SyncResult = z.object({
  events: z.array(z.object({ seq: z.number().int(), type: z.string(), payload: z.unknown() })),
  seq: z.number().int(),
  hasMore: z.boolean(),
});
