import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Times are milliseconds since the epoch; the API turns them into ISO strings. */
const createdAt = () => integer('created_at').notNull();

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['agent', 'lead', 'supervisor', 'admin'] }).notNull(),
  locale: text('locale'),
  /** Most open conversations auto-assignment gives this user at once (issue 6). */
  capacity: integer('capacity').notNull().default(10),
  settings: text('settings', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
  disabledAt: integer('disabled_at'),
  createdAt: createdAt(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: integer('expires_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: createdAt(),
    lastUsedAt: integer('last_used_at'),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

export const inboxes = sqliteTable('inboxes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  channel: text('channel').notNull(),
  /** Channel settings, secrets included; only the channel's adapter reads them. */
  config: text('config', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  /** Lookup key for inbound requests (hash of the inbound token, an email address, ...). */
  routingKey: text('routing_key').unique(),
  /** New conversations go round-robin to available members under capacity. */
  autoAssign: integer('auto_assign', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
});

export const inboxMembers = sqliteTable(
  'inbox_members',
  {
    inboxId: integer('inbox_id').notNull().references(() => inboxes.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.inboxId, t.userId] }), index('inbox_members_user_idx').on(t.userId)],
);

export const contacts = sqliteTable('contacts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  email: text('email'),
  createdAt: createdAt(),
});

export const contactIdentities = sqliteTable(
  'contact_identities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    contactId: integer('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    inboxId: integer('inbox_id').notNull().references(() => inboxes.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
  },
  (t) => [uniqueIndex('contact_identities_inbox_ext_uq').on(t.inboxId, t.externalId), index('contact_identities_contact_idx').on(t.contactId)],
);

export const conversations = sqliteTable(
  'conversations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    inboxId: integer('inbox_id').notNull().references(() => inboxes.id, { onDelete: 'cascade' }),
    contactId: integer('contact_id').notNull().references(() => contacts.id),
    status: text('status', { enum: ['open', 'pending', 'snoozed', 'resolved'] }).notNull(),
    snoozedUntil: integer('snoozed_until'),
    priority: text('priority', { enum: ['low', 'normal', 'high', 'urgent'] }).notNull(),
    assigneeId: integer('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    subject: text('subject'),
    threadId: text('thread_id'),
    labels: text('labels', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    lastMessageAt: integer('last_message_at').notNull(),
    lastMessagePreview: text('last_message_preview').notNull().default(''),
    lastIncomingAt: integer('last_incoming_at'),
    firstReplyAt: integer('first_reply_at'),
    resolvedAt: integer('resolved_at'),
    /** Crisis mode: the incident this conversation is linked to. */
    incidentId: integer('incident_id'),
    /** Escalated to the inbox's lead queue: when, by whom, why (cleared when a lead takes it). */
    escalatedAt: integer('escalated_at'),
    escalatedBy: integer('escalated_by').references(() => users.id, { onDelete: 'set null' }),
    escalationReason: text('escalation_reason'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('conversations_incident_idx').on(t.incidentId, t.status).where(sql`incident_id IS NOT NULL`),
    index('conversations_activity_idx').on(t.lastMessageAt, t.id),
    index('conversations_inbox_activity_idx').on(t.inboxId, t.lastMessageAt, t.id),
    index('conversations_status_activity_idx').on(t.status, t.lastMessageAt, t.id),
    index('conversations_assignee_activity_idx').on(t.assigneeId, t.lastMessageAt, t.id),
    // A customer's latest conversation in an inbox (every inbound message asks): filter and order in one index.
    index('conversations_contact_idx').on(t.contactId, t.inboxId, t.lastMessageAt),
    index('conversations_snoozed_idx').on(t.snoozedUntil),
    // Counts per view read only open conversations: a small, covering partial index.
    index('conversations_open_idx').on(t.inboxId, t.assigneeId, t.lastIncomingAt).where(sql`status = 'open'`),
  ],
);

export const messages = sqliteTable(
  'messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    conversationId: integer('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    inboxId: integer('inbox_id').notNull(),
    direction: text('direction', { enum: ['incoming', 'outgoing', 'system'] }).notNull(),
    private: integer('private', { mode: 'boolean' }).notNull().default(false),
    text: text('text').notNull(),
    html: text('html'),
    status: text('status', { enum: ['received', 'queued', 'sent', 'delivered', 'read', 'failed'] }).notNull(),
    error: text('error'),
    authorUserId: integer('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    authorContactId: integer('author_contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    externalId: text('external_id'),
    clientId: text('client_id'),
    event: text('event'),
    eventData: text('event_data', { mode: 'json' }).$type<Record<string, string | number | null>>(),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('messages_conversation_idx').on(t.conversationId, t.id),
    uniqueIndex('messages_external_uq').on(t.inboxId, t.externalId),
    uniqueIndex('messages_client_uq').on(t.conversationId, t.clientId),
  ],
);

export const conversationReads = sqliteTable(
  'conversation_reads',
  {
    conversationId: integer('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    readAt: integer('read_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.conversationId] })],
);

/**
 * The event log: every change an agent must see, written in the same transaction as the change.
 * `inbox_id` scopes it to the inbox's members; `user_id` to one user; both null means everyone.
 */
export const events = sqliteTable(
  'events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    type: text('type').notNull(),
    payload: text('payload').notNull(),
    inboxId: integer('inbox_id'),
    userId: integer('user_id'),
    createdAt: createdAt(),
  },
  (t) => [index('events_inbox_seq_idx').on(t.inboxId, t.seq)],
);

/** The durable outbound queue. */
export const jobs = sqliteTable(
  'jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    runAt: integer('run_at').notNull(),
    lockedUntil: integer('locked_until'),
    lastError: text('last_error'),
    uniqueKey: text('unique_key').unique(),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('jobs_due_idx').on(t.status, t.runAt)],
);

/** Unsent replies and notes, per agent and conversation, synced between the agent's devices. */
export const drafts = sqliteTable(
  'drafts',
  {
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    conversationId: integer('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['reply', 'note'] }).notNull(),
    text: text('text').notNull(),
    subject: text('subject'),
    cc: text('cc', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Files uploaded for this reply (attachments.id), in the order they were added. */
    attachmentIds: text('attachment_ids', { mode: 'json' }).$type<number[]>().notNull().default(sql`'[]'`),
    revision: integer('revision').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.conversationId, t.kind] })],
);

/** Small server-wide values generated once (e.g. the VAPID key pair for Web Push). */
export const serverSettings = sqliteTable('server_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Browsers that asked for Web Push notifications, per user. */
export const pushSubscriptions = sqliteTable(
  'push_subscriptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull().unique(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    createdAt: createdAt(),
    lastSuccessAt: integer('last_success_at'),
  },
  (t) => [index('push_subscriptions_user_idx').on(t.userId)],
);

// ---------------------------------------------------------------------------------------------
// Live chat widget (branch `chat`). Kept apart from the email channel's `attachments` table.
// ---------------------------------------------------------------------------------------------

/** A browser that opened an inbox's widget; its token lives in the widget's localStorage. */
export const chatVisitors = sqliteTable(
  'chat_visitors',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    inboxId: integer('inbox_id').notNull().references(() => inboxes.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    /** The anonymous contact identity of this browser in the inbox (`visitor:<random>`). */
    externalId: text('external_id').notNull(),
    createdAt: createdAt(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (t) => [index('chat_visitors_inbox_idx').on(t.inboxId)],
);

/** A file a visitor sent through the widget; served under an unguessable public id. */
export const chatUploads = sqliteTable(
  'chat_uploads',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    publicId: text('public_id').notNull().unique(),
    inboxId: integer('inbox_id').notNull().references(() => inboxes.id, { onDelete: 'cascade' }),
    visitorId: integer('visitor_id').references(() => chatVisitors.id, { onDelete: 'set null' }),
    messageId: integer('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('chat_uploads_message_idx').on(t.messageId)],
);

// ---- Email channel (kept together at the end for merging) --------------------------------

/**
 * Every accepted email exactly as received, written before the SMTP 250: the source of truth
 * to re-parse from. One row per inbox and Message-ID (or content hash when there is none), so
 * a sender's retry or a second delivery is stored once.
 */
export const rawEmails = sqliteTable(
  'raw_emails',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    inboxId: integer('inbox_id').notNull().references(() => inboxes.id, { onDelete: 'cascade' }),
    dedupKey: text('dedup_key').notNull(),
    envelopeFrom: text('envelope_from'),
    envelopeTo: text('envelope_to').notNull(),
    size: integer('size').notNull(),
    raw: blob('raw', { mode: 'buffer' }).notNull(),
    status: text('status', { enum: ['stored', 'processed', 'ignored', 'failed'] }).notNull(),
    /** What processing made of it: an ignored bounce, a parse error. */
    note: text('note'),
    messageId: integer('message_id').references(() => messages.id, { onDelete: 'set null' }),
    receivedAt: integer('received_at').notNull(),
    processedAt: integer('processed_at'),
  },
  (t) => [uniqueIndex('raw_emails_inbox_key_uq').on(t.inboxId, t.dedupKey), index('raw_emails_status_idx').on(t.status)],
);

/** The email envelope of a message (incoming or outgoing) in an email inbox. */
export const messageEmails = sqliteTable('message_emails', {
  messageId: integer('message_id')
    .primaryKey()
    .references(() => messages.id, { onDelete: 'cascade' }),
  fromAddress: text('from_address').notNull(),
  toAddresses: text('to_addresses', { mode: 'json' }).$type<string[]>().notNull(),
  ccAddresses: text('cc_addresses', { mode: 'json' }).$type<string[]>().notNull(),
  subject: text('subject'),
  /** RFC 5322 Message-ID with angle brackets; for outgoing mail fixed when queued. */
  messageIdHeader: text('message_id_header'),
  inReplyTo: text('in_reply_to'),
  references: text('references', { mode: 'json' }).$type<string[]>().notNull(),
  autoSubmitted: integer('auto_submitted', { mode: 'boolean' }).notNull().default(false),
});

/**
 * Files of messages, stored in SQLite with the message so one backup holds everything. An
 * upload for a reply has no message yet (`message_id` null) until the reply references it.
 */
export const attachments = sqliteTable(
  'attachments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    inboxId: integer('inbox_id').notNull().references(() => inboxes.id, { onDelete: 'cascade' }),
    conversationId: integer('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    messageId: integer('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    contentId: text('content_id'),
    inline: integer('inline', { mode: 'boolean' }).notNull().default(false),
    data: blob('data', { mode: 'buffer' }).notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_message_idx').on(t.messageId), index('attachments_conversation_idx').on(t.conversationId)],
);

// ---------------------------------------------------------------------------------------------
// Crisis mode: incidents, their timeline, what was sent to linked customers, the audit log.
// ---------------------------------------------------------------------------------------------

export const incidents = sqliteTable(
  'incidents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    severity: text('severity', { enum: ['minor', 'major', 'critical'] }).notNull(),
    status: text('status', { enum: ['investigating', 'identified', 'monitoring', 'resolved'] }).notNull(),
    /** The current customer-facing message. */
    message: text('message').notNull(),
    internalNote: text('internal_note'),
    components: text('components', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    matchKeywords: text('match_keywords', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    matchChannels: text('match_channels', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    matchInboxIds: text('match_inbox_ids', { mode: 'json' }).$type<number[]>().notNull().default(sql`'[]'`),
    autoAcknowledge: integer('auto_acknowledge', { mode: 'boolean' }).notNull().default(false),
    declaredBy: integer('declared_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
    resolvedAt: integer('resolved_at'),
  },
  (t) => [index('incidents_active_idx').on(t.resolvedAt, t.createdAt)],
);

/** The timeline: every status change and message, with author and time. */
export const incidentUpdates = sqliteTable(
  'incident_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['investigating', 'identified', 'monitoring', 'resolved'] }).notNull(),
    message: text('message').notNull(),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    notifyLinked: integer('notify_linked', { mode: 'boolean' }).notNull().default(false),
    resolveLinked: integer('resolve_linked', { mode: 'boolean' }).notNull().default(false),
    /** The request's Idempotency-Key: a repeated request returns this update instead of a second one. */
    idempotencyKey: text('idempotency_key'),
    createdAt: createdAt(),
  },
  (t) => [index('incident_updates_incident_idx').on(t.incidentId, t.id), uniqueIndex('incident_updates_idempotency_idx').on(t.incidentId, t.idempotencyKey)],
);

/**
 * One row per (what, conversation) sent to a linked customer: an update's text or the one
 * acknowledgement. The unique key is what makes every send happen once.
 */
export const incidentDeliveries = sqliteTable(
  'incident_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** `ack:<incident>:<conversation>` or `update:<update>:<conversation>`. */
    key: text('key').notNull().unique(),
    incidentId: integer('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
    updateId: integer('update_id').references(() => incidentUpdates.id, { onDelete: 'cascade' }),
    conversationId: integer('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    messageId: integer('message_id').references(() => messages.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['pending', 'queued', 'sent', 'failed'] }).notNull(),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('incident_deliveries_update_idx').on(t.incidentId, t.updateId, t.status),
    index('incident_deliveries_message_idx').on(t.messageId),
  ],
);

/** Who did what to what, kept for leads and auditors (incidents now; more later). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: integer('target_id'),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_target_idx').on(t.targetType, t.targetId, t.id)],
);

// ---------------------------------------------------------------------------------------------
// SLA policies (branch `sla`): targets by inbox and priority, each conversation's clock, breaches.
// ---------------------------------------------------------------------------------------------

/** Business hours of a policy as stored: the API's shape (`HH:MM` intervals per weekday). */
export type StoredBusinessHours = { timeZone: string; days: Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', { start: string; end: string }[]> };

export const slaPolicies = sqliteTable('sla_policies', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  /** Empty: every inbox. */
  inboxIds: text('inbox_ids', { mode: 'json' }).$type<number[]>().notNull().default(sql`'[]'`),
  /** Empty: every priority. */
  priorities: text('priorities', { mode: 'json' }).$type<('low' | 'normal' | 'high' | 'urgent')[]>().notNull().default(sql`'[]'`),
  firstResponseMinutes: integer('first_response_minutes'),
  resolutionMinutes: integer('resolution_minutes'),
  businessHours: text('business_hours', { mode: 'json' }).$type<StoredBusinessHours>(),
  holidays: text('holidays', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * One conversation's SLA clock, kept up to date when the conversation changes so that list
 * reads only join it by primary key. `paused_ms` is the business time spent paused so far.
 */
export const conversationSla = sqliteTable(
  'conversation_sla',
  {
    conversationId: integer('conversation_id')
      .primaryKey()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    policyId: integer('policy_id').references(() => slaPolicies.id, { onDelete: 'set null' }),
    startedAt: integer('started_at').notNull(),
    pausedAt: integer('paused_at'),
    pausedMs: integer('paused_ms').notNull().default(0),
    firstResponseDueAt: integer('first_response_due_at'),
    firstResponseWarnAt: integer('first_response_warn_at'),
    firstResponseMetAt: integer('first_response_met_at'),
    firstResponseBreachedAt: integer('first_response_breached_at'),
    resolutionDueAt: integer('resolution_due_at'),
    resolutionWarnAt: integer('resolution_warn_at'),
    resolutionMetAt: integer('resolution_met_at'),
    resolutionBreachedAt: integer('resolution_breached_at'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    // The sweeper's questions: which running targets are due now.
    index('conversation_sla_first_response_due_idx')
      .on(t.firstResponseDueAt)
      .where(sql`first_response_met_at IS NULL AND first_response_breached_at IS NULL AND paused_at IS NULL`),
    index('conversation_sla_resolution_due_idx')
      .on(t.resolutionDueAt)
      .where(sql`resolution_met_at IS NULL AND resolution_breached_at IS NULL AND paused_at IS NULL`),
    index('conversation_sla_policy_idx').on(t.policyId),
  ],
);

/** Every missed target, written once per conversation and kind. */
export const slaBreaches = sqliteTable(
  'sla_breaches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    policyId: integer('policy_id').references(() => slaPolicies.id, { onDelete: 'set null' }),
    inboxId: integer('inbox_id').notNull(),
    kind: text('kind', { enum: ['first_response', 'resolution'] }).notNull(),
    dueAt: integer('due_at').notNull(),
    /** When it was noticed: at most one sweep after `due_at`. */
    breachedAt: integer('breached_at').notNull(),
  },
  (t) => [uniqueIndex('sla_breaches_conversation_kind_uq').on(t.conversationId, t.kind), index('sla_breaches_time_idx').on(t.breachedAt)],
);

// ---------------------------------------------------------------------------------------------
// Knowledge base: canned responses and short articles (src/lib/server/knowledge)
// ---------------------------------------------------------------------------------------------

/**
 * One canned response or article. `inboxIds` empty means every inbox; `language` null means any.
 * The full-text index is the FTS5 table `knowledge_search` (custom migration), keyed by `id`.
 */
export const knowledgeEntries = sqliteTable(
  'knowledge_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['response', 'article'] }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    language: text('language', { enum: ['en', 'pl', 'fi', 'da'] }),
    shortcut: text('shortcut'),
    inboxIds: text('inbox_ids', { mode: 'json' }).$type<number[]>().notNull().default(sql`'[]'`),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('knowledge_entries_shortcut_idx').on(t.shortcut)],
);

// ---------------------------------------------------------------------------------------------
// Running the floor (issue 6): teams, customer satisfaction
// ---------------------------------------------------------------------------------------------

/** A team of agents under one or more leads; leads see their teams on the wallboard and in reports. */
export const teams = sqliteTable('teams', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  createdAt: createdAt(),
});

export const teamMembers = sqliteTable(
  'team_members',
  {
    teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** A lead of the team sees its members' figures. */
    role: text('role', { enum: ['member', 'lead'] }).notNull().default('member'),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user_idx').on(t.userId)],
);

/**
 * One satisfaction survey per conversation, sent on its first resolve. `rating` is null until the
 * customer answers; the agent and inbox are copied at request time so reports need no joins back
 * through reassignments.
 */
export const csatResponses = sqliteTable(
  'csat_responses',
  {
    conversationId: integer('conversation_id')
      .primaryKey()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    inboxId: integer('inbox_id').notNull(),
    channel: text('channel').notNull(),
    agentId: integer('agent_id').references(() => users.id, { onDelete: 'set null' }),
    requestedAt: integer('requested_at').notNull(),
    rating: integer('rating'),
    comment: text('comment'),
    ratedAt: integer('rated_at'),
  },
  (t) => [index('csat_responses_rated_idx').on(t.ratedAt).where(sql`rating IS NOT NULL`)],
);

// ---------------------------------------------------------------------------------------------
// Collaboration (issue 6): @mentions in private notes
// ---------------------------------------------------------------------------------------------

/**
 * One row per teammate named in a private note (who could see the conversation's inbox when the
 * note was stored): their Mentions view, newest first, unread until opened.
 */
export const mentions = sqliteTable(
  'mentions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    messageId: integer('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    readAt: integer('read_at'),
  },
  (t) => [
    uniqueIndex('mentions_user_message_idx').on(t.userId, t.messageId),
    index('mentions_user_unread_idx').on(t.userId).where(sql`read_at IS NULL`),
  ],
);
