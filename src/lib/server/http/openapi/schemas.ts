/**
 * `components.schemas` of the OpenAPI document, generated from the zod schemas in
 * `$lib/shared/schemas` (the single source of truth) with zod 4's `z.toJSONSchema`.
 *
 * Two registries: what the server *sends* is converted with `io: 'output'`, what it *accepts*
 * (bodies, query strings, socket commands) with `io: 'input'`, so defaults and coercions show
 * up where they apply. A schema registered in a registry becomes a component and is referenced
 * with `$ref` from every other schema that contains it; unregistered parts are inlined.
 *
 * Responses that have no zod schema of their own (`{items: [...]}` wrappers, `{user}`, ...) are
 * composed here from the shared ones; nothing that exists in zod is written out by hand.
 */
import { z } from 'zod';
import {
  ApiErrorBody,
  ChannelKind,
  ClientId,
  ConversationStatus,
  Id,
  Label,
  Locale,
  PresenceStatus,
  Priority,
  Role,
} from '$lib/shared/schemas/common';
import {
  ConversationCounts,
  LabelList,
  BulkAction,
  BulkBody,
  BulkResult,
  Contact,
  ContactIdentity,
  ContactRef,
  ConversationDetail,
  ConversationListQuery,
  ConversationPage,
  ConversationSummary,
  PatchConversationBody,
} from '$lib/shared/schemas/conversation';
import { Draft, DraftConflict, DraftPair, PutDraftBody } from '$lib/shared/schemas/draft';
import { PushDeviceList, PushKey, PushSubscriptionBody, PushUnsubscribeBody } from '$lib/shared/schemas/push';
import {
  AccessChanged,
  DraftUpdated,
  ConversationChanged,
  eventSchemas,
  IncidentChanged,
  IncidentProgress,
  InboxChanged,
  MessageCreated,
  MentionCreated,
  MentionsRead,
  PresenceUpdated,
  SyncQuery,
  SyncResult,
  Typing,
} from '$lib/shared/schemas/events';
import { ApiInboundBody } from '$lib/shared/schemas/inbound';
import { EscalationRaised } from '$lib/shared/schemas/floor';
import { ConversationViewer, ConversationViewers, MarkMentionsReadBody, Mention, MentionList, MentionListQuery, MentionsReadResult, ViewingCommand } from '$lib/shared/schemas/collab';
import { BroadcastProgress, Incident, IncidentDetail, IncidentMatch, IncidentUpdate } from '$lib/shared/schemas/incident';
import { DeclareIncidentBody, IncidentListQuery, IncidentReport, PatchIncidentBody, PostIncidentUpdateBody } from '$lib/shared/schemas/incident';
import { AuditEntry, AuditPage, AuditQuery } from '$lib/shared/schemas/audit';
import { CrisisSettings } from '$lib/shared/schemas/incident';
import { StatusDocument } from '$lib/shared/schemas/status';
import { CsatEnvelope, CsatRated, CsatRatedResult, CsatResponse, CsatSettings, CsatSubmitBody } from '$lib/shared/schemas/csat';
import { ContactDetail, ContactList, ContactListItem, ContactSearchQuery, MergeContactBody } from '$lib/shared/schemas/contact';
import { AddMemberBody, CreateInboxBody, Inbox, PatchInboxBody } from '$lib/shared/schemas/inbox';
import {
  CreateMessageBody,
  DeliveryStatus,
  EmailMeta,
  Message,
  MessageAttachment,
  MessageAuthor,
  MessageDirection,
  MessagePage,
  MessagePageQuery,
  UploadedAttachment,
} from '$lib/shared/schemas/message';
import {
  ApiToken,
  CreateTokenBody,
  CreateUserBody,
  LoginBody,
  PatchMeBody,
  PatchUserBody,
  User,
  UserSettings,
  UserSummary,
} from '$lib/shared/schemas/user';
import { MessageCreateCommand, PresenceCommand, ReadCommand, SyncCommand, TypingCommand } from '$lib/shared/realtime-events';
import { LiveMetrics, Report, ReportFilterOptions, ReportQuery, WallboardJoinCommand } from '$lib/shared/schemas/metrics';
import { availableChannels, channelAdapter } from '../../channels/registry';

export type JsonSchema = Record<string, unknown>;

export const schemaRef = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** Query-string schemas: registered for generation, then turned into `in: query` parameters. */
const QUERY_PREFIX = 'Query:';

export interface QueryParameter {
  name: string;
  in: 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface GeneratedSchemas {
  /** `components.schemas`. */
  schemas: Record<string, JsonSchema>;
  /** The query parameters of one query schema (`conversations`, `messages`, `sync`). */
  query: (name: QueryName) => QueryParameter[];
  /** Channel kinds with an adapter, and their create / patch body component ids. */
  channels: { kind: string; create: string; patch: string }[];
  /** Component id of each server -> client event payload, by event name. */
  eventPayloads: Record<string, string>;
  /** Component id of each client -> server command payload, by command name. */
  commandPayloads: Record<string, string>;
}

export type QueryName = 'conversations' | 'messages' | 'sync' | 'contacts' | 'incidents' | 'audit' | 'reports' | 'mentions';

const pascal = (s: string) => s.replace(/(^|[^a-zA-Z0-9])([a-zA-Z0-9])/g, (_m, _sep, c: string) => c.toUpperCase());

/** Adds a channel's own settings to the common inbox fields (strict: unknown fields are refused). */
function withChannelSettings(base: z.ZodObject, settings: z.ZodType): z.ZodType {
  return settings instanceof z.ZodObject ? base.extend(settings.shape).strict() : z.intersection(base, settings);
}

/** Builds every component schema. Called once, when the document is first requested. */
export function generateSchemas(): GeneratedSchemas {
  const output = z.registry<{ id: string }>();
  const input = z.registry<{ id: string }>();

  // Enumerations, shared by requests and responses (identical in both directions).
  const enums = { Role, Locale, ChannelKind, ConversationStatus, Priority, PresenceStatus, MessageDirection, DeliveryStatus };
  for (const [id, schema] of Object.entries(enums)) {
    output.add(schema, { id });
    input.add(schema, { id });
  }

  // ---- Responses (io: output) --------------------------------------------------------------
  const Ok = z.object({ ok: z.literal(true) });
  const UserEnvelope = z.object({ user: User });
  const UserList = z.object({ items: z.array(UserSummary) });
  const ApiTokenList = z.object({ items: z.array(ApiToken) });
  const CreatedApiToken = ApiToken.pick({ id: true, name: true, createdAt: true }).extend({ token: z.string() });
  const InboxList = z.object({ items: z.array(Inbox) });
  const InboxWithSecrets = Inbox.extend({ inboundToken: z.string().optional(), webhookSecret: z.string().optional(), revealed: z.record(z.string(), z.string()) });
  const InboundResult = z.object({ conversationId: Message.shape.conversationId, messageId: Message.shape.id });
  const PresenceEntry = PresenceUpdated.omit({ seq: true });
  const PresenceList = z.object({ items: z.array(PresenceEntry) });
  const loggedEvents = Object.entries(eventSchemas).map(([type, payload]) =>
    z.object({ seq: z.number().int(), type: z.literal(type), payload }),
  );
  const LoggedEvent = z.discriminatedUnion('type', loggedEvents as [(typeof loggedEvents)[number], ...(typeof loggedEvents)[number][]]);
  const SyncPage = SyncResult.extend({ events: z.array(LoggedEvent) });
  const ApiChannelWebhookPayload = z.object({
    event: z.literal('message.created'),
    deliveryId: z.string(),
    inboxId: Inbox.shape.id,
    conversationId: ConversationDetail.shape.id,
    threadId: ConversationDetail.shape.threadId,
    contact: z.object({ externalId: z.string().nullable(), name: Contact.shape.name, email: Contact.shape.email }),
    message: Message.pick({ id: true, text: true, createdAt: true }).extend({ author: z.object({ name: z.string() }).nullable() }),
  });
  const SessionEnded = z.object({ reason: z.string() });
  const IncidentList = z.object({ items: z.array(Incident) });
  const IncidentUpdateResult = z.object({ update: IncidentUpdate, incident: Incident });

  const responses: Record<string, z.ZodType> = {
    ApiErrorBody,
    Ok,
    UserSettings,
    User,
    UserEnvelope,
    UserSummary,
    UserList,
    ApiToken,
    ApiTokenList,
    CreatedApiToken,
    Inbox,
    InboxWithSecrets,
    InboxList,
    InboundResult,
    ContactRef,
    ContactIdentity,
    Contact,
    ContactListItem,
    ContactList,
    ContactDetail,
    ConversationSummary,
    ConversationDetail,
    ConversationPage,
    ConversationCounts,
    LabelList,
    BulkResult,
    MessageAuthor,
    MessageAttachment,
    UploadedAttachment,
    EmailMeta,
    Message,
    MessagePage,
    MessageCreated,
    ConversationChanged,
    PresenceUpdated,
    InboxChanged,
    AccessChanged,
    Draft,
    DraftPair,
    DraftConflict,
    DraftUpdated,
    IncidentMatch,
    IncidentUpdate,
    BroadcastProgress,
    Incident,
    IncidentDetail,
    IncidentChanged,
    IncidentProgress,
    EscalationRaised,
    IncidentList,
    IncidentUpdateResult,
    IncidentReport,
    AuditEntry,
    AuditPage,
    CrisisSettings,
    StatusDocument,
    PushKey,
    PushDeviceList,
    Typing,
    SessionEnded,
    LoggedEvent,
    ConversationViewer,
    ConversationViewers,
    Mention,
    MentionList,
    MentionsReadResult,
    MentionCreated,
    MentionsRead,
    SyncResult: SyncPage,
    PresenceEntry,
    PresenceList,
    ApiChannelWebhookPayload,
    CsatResponse,
    CsatEnvelope,
    CsatRatedResult,
    CsatRated,
    CsatSettings,
    LiveMetrics,
    Report,
    ReportFilterOptions,
  };
  for (const [id, schema] of Object.entries(responses)) output.add(schema, { id });

  // ---- Requests (io: input) ----------------------------------------------------------------
  const channels: GeneratedSchemas['channels'] = [];
  const channelBodies: Record<string, z.ZodType> = {};
  for (const kind of availableChannels()) {
    const adapter = channelAdapter(kind);
    const create = `Create${pascal(kind)}InboxBody`;
    const patch = `Patch${pascal(kind)}InboxBody`;
    channelBodies[create] = withChannelSettings(CreateInboxBody.extend({ channel: z.literal(kind) }), adapter.createSchema);
    channelBodies[patch] = withChannelSettings(PatchInboxBody, adapter.updateSchema);
    channels.push({ kind, create, patch });
  }

  const requests: Record<string, z.ZodType> = {
    Id,
    Label,
    ClientId,
    LoginBody,
    PatchMeBody,
    CreateUserBody,
    PatchUserBody,
    CreateTokenBody,
    ...channelBodies,
    AddMemberBody,
    MergeContactBody,
    ApiInboundBody,
    PatchConversationBody,
    BulkAction,
    BulkBody,
    CreateMessageBody,
    PutDraftBody,
    PushSubscriptionBody,
    PushUnsubscribeBody,
    DeclareIncidentBody,
    PatchIncidentBody,
    PostIncidentUpdateBody,
    CrisisSettings,
    CsatSubmitBody,
    CsatSettingsBody: CsatSettings,
    SyncCommand,
    PresenceCommand,
    TypingCommand,
    ReadCommand,
    MessageCreateCommand,
    WallboardJoinCommand,
    ViewingCommand,
    MarkMentionsReadBody,
    [`${QUERY_PREFIX}mentions`]: MentionListQuery,
    [`${QUERY_PREFIX}conversations`]: ConversationListQuery,
    [`${QUERY_PREFIX}messages`]: MessagePageQuery,
    [`${QUERY_PREFIX}sync`]: SyncQuery,
    [`${QUERY_PREFIX}contacts`]: ContactSearchQuery,
    [`${QUERY_PREFIX}incidents`]: IncidentListQuery,
    [`${QUERY_PREFIX}audit`]: AuditQuery,
    [`${QUERY_PREFIX}reports`]: ReportQuery,
  };
  for (const [id, schema] of Object.entries(requests)) input.add(schema, { id });

  const common = { target: 'draft-2020-12', unrepresentable: 'any', uri: (id: string) => schemaRef(id).$ref } as const;
  const sent = z.toJSONSchema(output, { ...common, io: 'output' }).schemas;
  const accepted = z.toJSONSchema(input, { ...common, io: 'input' }).schemas;

  const schemas: Record<string, JsonSchema> = {};
  const queries: Record<string, JsonSchema> = {};
  for (const [generated, direction] of [
    [sent, 'response'],
    [accepted, 'request'],
  ] as const) {
    for (const [id, raw] of Object.entries(generated)) {
      if (id === '__shared') throw new Error('openapi: zod emitted shared $defs; register the reused schema instead');
      const { $schema: _s, $id: _i, ...schema } = raw as JsonSchema;
      if (id.startsWith(QUERY_PREFIX)) {
        queries[id.slice(QUERY_PREFIX.length)] = schema;
        continue;
      }
      if (id in schemas && JSON.stringify(schemas[id]) !== JSON.stringify(schema)) {
        throw new Error(`openapi: schema ${id} differs between requests and responses (${direction}); give them different ids`);
      }
      schemas[id] = schema;
    }
  }
  for (const [id, description] of Object.entries(DESCRIPTIONS)) {
    if (schemas[id]) schemas[id] = { description, ...schemas[id] };
  }

  const idOf = (schema: z.ZodType) => {
    const id = output.get(schema)?.id ?? input.get(schema)?.id;
    if (!id) throw new Error('openapi: a realtime payload schema is not registered');
    return id;
  };

  return {
    schemas,
    query(name) {
      const q = queries[name];
      if (!q) throw new Error(`openapi: no query schema ${name}`);
      const required = new Set((q.required as string[] | undefined) ?? []);
      return Object.entries((q.properties ?? {}) as Record<string, JsonSchema>).map(([param, schema]) => ({
        name: param,
        in: 'query' as const,
        required: required.has(param),
        ...(QUERY_DESCRIPTIONS[`${name}.${param}`] ? { description: QUERY_DESCRIPTIONS[`${name}.${param}`] } : {}),
        schema,
      }));
    },
    channels,
    eventPayloads: {
      ...Object.fromEntries(Object.entries(eventSchemas).map(([event, schema]) => [event, idOf(schema)])),
      typing: idOf(Typing),
      'conversation.viewers': idOf(ConversationViewers),
      'session.ended': idOf(SessionEnded),
      'metrics.live': idOf(LiveMetrics),
    },
    commandPayloads: {
      sync: idOf(SyncCommand),
      'presence:set': idOf(PresenceCommand),
      'typing:set': idOf(TypingCommand),
      'conversation:read': idOf(ReadCommand),
      'message:create': idOf(MessageCreateCommand),
      'wallboard:join': idOf(WallboardJoinCommand),
      'viewing:set': idOf(ViewingCommand),
    },
  };
}

/** Prose for components whose zod schema carries none (added to the generated JSON Schema). */
const DESCRIPTIONS: Record<string, string> = {
  ApiErrorBody:
    'Every error answer. `code` is stable and machine-readable (e.g. `invalid_request`, `not_found`); `message` is for people; `issues` lists zod validation issues when input was rejected.',
  Ok: 'The action was done.',
  Id: 'A positive integer id. In a path, anything that is not one answers 404.',
  User: 'The logged-in user, with their own settings.',
  UserEnvelope: 'The caller (or the user just logged in).',
  UserSummary: 'A teammate as listed for assignee pickers, with live presence.',
  ApiToken: 'A personal API token as listed (the secret itself is shown only once, on creation).',
  CreatedApiToken: 'A new personal API token. `token` (`sbp_...`) is shown only this once; send it as `Authorization: Bearer <token>`.',
  Inbox:
    'An inbox. `settings` holds what members may see of the channel settings, never a secret; for the `api` channel: `webhookUrl` and `inboundUrl` (where to POST inbound messages); for `email`: `inboundAddress`, `outboundSmtpHost`, `outboundSmtpPort`, `outboundSmtpSecure`, `outboundSmtpUser` and `outboundSmtpPasswordHint` (never the password).',
  InboxWithSecrets:
    'An inbox plus the secrets revealed by this request, shown only once. `revealed` lists them all by name (empty when none); they are also repeated at the top level: for the `api` channel `inboundToken` (`sbi_...`, on create and after `rotateInboundToken`) and `webhookSecret` (`whsec_...`, on create and after `rotateWebhookSecret`).',
  InboundResult: 'Where an inbound message was stored.',
  ContactIdentity: "A contact's id on one inbox's channel (a Telegram chat id, a Messenger PSID, a WhatsApp number, ...). `display` is how agents read it.",
  ContactListItem: 'A contact found by a search, with how many of their conversations the caller can see.',
  ContactList: 'Contacts matching a search, by name.',
  ContactDetail: 'A contact with their identities and every conversation of theirs the caller can see, across channels, most recent first.',
  MergeContactBody: 'The contact to merge into the one in the path; it is deleted once its identities and conversations have moved.',
  ConversationCounts: 'Open conversations (status open, as the default view lists them) and how many of them are unread for the caller, per view and per inbox.',
  LabelList: 'Labels in use on the conversations the caller can see, with how many conversations carry each.',
  ConversationPage: 'One page of conversations, most recent activity first. Pass `nextCursor` as `cursor` for the next page; `null` at the end.',
  MessagePage: 'One page of a thread, newest last. Pass `prevCursor` as `before` for older messages; `null` at the start of the thread.',
  Message:
    'A message. A private note is `outgoing` with `private: true`; `system` messages record events (`event`, `eventData`). `status` follows delivery: `queued` -> `sent` or `failed` (with `error`).',
  MessageAttachment: 'A file on a message. Download it with `GET /api/attachments/{id}`. `inline` files are images shown inside the HTML (already embedded there).',
  UploadedAttachment: 'A file uploaded for a reply; name its `id` in `attachmentIds` of `POST /api/conversations/{id}/messages`.',
  EmailMeta:
    'Email headers of a message in an email inbox. `autoSubmitted` marks mail sent by a machine (Auto-Submitted: auto-*, Precedence: bulk/list/junk, X-Loop, a mailer daemon): nothing may answer it automatically.',
  MessageCreated: 'Payload of the `message.created` and `message.updated` events.',
  ConversationChanged: 'Payload of the `conversation.created` and `conversation.updated` events. `changes` names what changed.',
  PresenceUpdated: 'Payload of the `presence.updated` event.',
  InboxChanged: 'Payload of the `inbox.updated` event.',
  AccessChanged: "Payload of the `access.changed` event, sent to one user whose role or memberships changed: reload what you can see.",
  Typing: 'Payload of the volatile `typing` socket event (never logged, not replayed by sync).',
  SessionEnded: 'Payload of the `session.ended` socket event; the socket is disconnected right after.',
  LoggedEvent: 'One entry of the event log; `type` is the socket event name and `payload` the same payload the socket carries.',
  SyncResult:
    'Events after `since` that the caller may see, oldest first. `seq` is where to continue from; while `hasMore` is true, ask again with `since=seq`.',
  PresenceList: 'Who is connected, and their status.',
  ApiChannelWebhookPayload: 'Body of the API channel webhook (an agent reply in an `api` inbox).',
  SyncCommand: 'Socket command `sync`: replay the event log after `since`.',
  PresenceCommand: 'Socket command `presence:set`.',
  TypingCommand: 'Socket command `typing:set`.',
  ViewingCommand: 'Socket command `viewing:set`: the conversation this console shows (null: none). Checked like reading it; ends when the socket disconnects.',
  ConversationViewers: 'Payload of the volatile `conversation.viewers` socket event: everyone who has the conversation open now (an agent with several tabs once), sent to its inbox audience on every change. Never logged.',
  MentionCreated: 'Payload of the `mention.created` event, sent only to the mentioned user, with their unread count.',
  MentionsRead: 'Payload of the `mention.read` event, sent only to the user whose mentions were marked read.',
  MarkMentionsReadBody: 'Which of the caller’s mentions to mark read: `{ids}`, `{conversationId}` (all in that conversation) or `{all: true}`.',
  ReadCommand: 'Socket command `conversation:read`.',
  Report:
    'A report over whole local days (server time zone), computed from the event log and timestamps written once, so it is right for any past range. `resolved` counts every resolve event (a reopened conversation resolved again counts again); first response and resolution times are in seconds, business time where an SLA policy with business hours applies; median and nearest-rank p90; SLA attainment over the settled targets of conversations started in the range; CSAT over ratings given in the range; public replies per agent; customer messages by hour of day; opened and resolved per day.',
  WallboardJoinCommand: 'Socket command `wallboard:join` (lead or higher): join the wallboard of your scope.',
  LiveMetrics:
    'Wallboard figures (`GET /api/metrics/live`, socket event `metrics.live`). Per channel and in total: open, unassigned, waiting (open, latest public message from the customer), the longest current wait, and unresolved conversations whose SLA state is warning (`atRisk`) or breached. Agents with presence and open conversations against capacity; today (server time zone, from local midnight): median first response and resolution time in seconds (business hours where an SLA policy with hours applies), resolved count, CSAT average and responses, volume and first response by hour; the most severe active incident. Supervisors and admins see everything (`scope: all`); a lead sees the inboxes they are a member of and the agents of the teams they lead (`scope: team`).',
  Draft:
    "One agent's unsent reply or note in one conversation. `revision` grows by one on every save (0: never saved); an empty `text` is a cleared draft. An email reply's `subject` (null: none typed), `cc` addresses and `attachments` (files uploaded for it and not yet sent) belong to the same revision.",
  PutDraftBody:
    'A draft save. `subject`: one line of at most 300 characters, kept as typed. `cc`: at most 20 distinct email addresses (stored lower-case). `attachmentIds`: at most 10 files the caller uploaded to this conversation with `POST /api/conversations/{id}/attachments` and not yet sent; other ids are left out of the saved draft. Omitted fields are saved empty.',
  DraftPair: "The caller's reply and note drafts for one conversation.",
  DraftConflict: 'A save on a stale revision: nothing was saved; `current` is the stored draft, so the client can offer both texts and save again on `current.revision`.',
  IncidentChanged: 'Payload of the `incident.declared`, `incident.updated` and `incident.resolved` events, sent to every console.',
  IncidentProgress: 'Payload of the `incident.progress` event: a broadcast to linked customers moved on.',
  EscalationRaised: 'Payload of the `conversation.escalated` event, sent to each lead, supervisor and admin who sees the inbox: an agent escalated a conversation to them.',
  CsatResponse: 'A conversation’s satisfaction survey: sent at `requestedAt` (agent and inbox as they were then); `rating` (1-5), `comment` and `ratedAt` stay null until the customer answers.',
  CsatRated: 'Payload of the `csat.rated` event: a customer answered the survey of a conversation (sent to consoles that see its inbox).',
  CsatSubmitBody: 'A customer’s answer: `rating` 1-5, `comment` optional, at most 1000 characters (blank is none).',
  DraftUpdated: 'Payload of the `draft.updated` event, sent to the draft’s author only: a save or a send on another device changed it.',
  IncidentList: 'Incidents, newest first.',
  IncidentUpdateResult: 'The timeline entry just posted (or the stored one, for a repeated Idempotency-Key) and the incident after it.',
  IncidentReport:
    'The after-action report. `durationSeconds` runs until now while the incident is active; `timeToFirstUpdateSeconds` is from the declaration to the first update after it (null: none yet); `customersNotified` counts distinct contacts sent at least one message (acknowledgement or update).',
  DeclareIncidentBody: 'A new incident. `message` is what customers are told (status page, chat banner, acknowledgements); `internalNote` stays inside the team.',
  PatchIncidentBody: 'What to change on a running incident; at least one field.',
  PostIncidentUpdateBody: 'A timeline entry. `notifyLinked` sends `message` to every open linked conversation; `resolveLinked` (only with status `resolved`) resolves them.',
  AuditEntry: 'One audit log entry: who (`actor`, null for the system) did what (`action`) to what (`targetType`, `targetId`), with details in `data`.',
  CrisisSettings:
    'Server-wide crisis settings: `components`, the ordered list the public status page shows (incidents may name more), and the team chat webhook (`webhookUrl`, `null` for none; `webhookFormat` `slack` or `teams`) that announces declare, update and resolve.',
  StatusDocument:
    'The public status page as data. `status.indicator` is the worst active severity (`none`: all operational); each component takes the worst severity of the active incidents naming it (critical: `major_outage`, major: `partial_outage`, minor: `degraded_performance`). `incidents`: active ones (most severe first), then those resolved in the last 14 days (newest first), each with its timeline newest first. Customer-facing texts only.',
  AuditPage: 'Audit entries, newest first. Pass `nextCursor` as `before` for older ones; `null` at the end.',
  PushKey: 'The VAPID public key (URL-safe base64) to pass as `applicationServerKey` to `pushManager.subscribe()`.',
  PushDeviceList: 'The caller’s opted-in browsers: endpoint, when subscribed, when the push service last accepted a notification.',
  PushSubscriptionBody: 'A browser push subscription, as `PushSubscription.toJSON()` gives it. The endpoint must be https.',
  PushUnsubscribeBody: 'The endpoint of a subscription to remove.',
  MessageCreateCommand: 'Socket command `message:create` (same rules as `POST /api/conversations/{id}/messages`).',
};

const QUERY_DESCRIPTIONS: Record<string, string> = {
  'mentions.before': 'A `nextCursor` from the previous page: older mentions.',
  'mentions.unread': '`1`: unread mentions only.',
  'conversations.assignee': '`me`, `none` (unassigned) or a user id.',
  'conversations.label': 'Conversations carrying this label.',
  'conversations.q': 'Full-text search (SQLite FTS5) over subject, message text and contact name and email.',
  'conversations.unread': 'Only conversations unread by the caller.',
  'conversations.escalated': '`1` (or `true`): only conversations escalated to leads and not yet taken (the leads’ Escalated view).',
  'conversations.cursor': '`nextCursor` of the previous page.',
  'conversations.limit': 'Page size.',
  'messages.before': 'Only messages older than this message id (`prevCursor` of the previous page).',
  'messages.limit': 'Page size.',
  'sync.since': 'The last `seq` the client has seen (0 for everything).',
  'sync.limit': 'At most this many events.',
  'incidents.active': '`1` (or `true`): only incidents not resolved; `0` (or `false`): only resolved ones.',
  'incidents.limit': 'At most this many incidents.',
  'audit.targetType': 'Only entries about this kind of thing (`incident`, `conversation`).',
  'audit.targetId': 'Only entries about this one (needs `targetType`).',
  'audit.before': 'Only entries older than this id (`nextCursor` of the previous page).',
  'audit.limit': 'Page size.',
};
