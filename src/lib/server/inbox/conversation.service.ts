import { and, eq, lte } from 'drizzle-orm';
import type { BulkAction, ConversationDetail, ConversationListQuery, PatchConversationBody } from '$lib/shared/schemas/conversation';
import type { Db } from '../db/client';
import { conversationReads, conversations, inboxMembers, messages, users } from '../db/schema';
import { AppError, badRequest, notFound } from '../errors';
import type { EventLog, EventRecorder } from '../events/event-log';
import { assertInbox, type AuthContext } from '../auth/auth-context';
import { atLeast, seesAllInboxes } from '../auth/roles';
import type { StatementCache } from '../db/statement-cache';
import { conversationCounts, conversationSummary, labelCounts, listConversations } from './conversation.queries';
import { conversationDetail } from './conversation-detail.queries';
import { changeStatus } from './conversation.rules';
import { isoOrNull, toMessage } from './conversation.mapper';
import type { Role } from '$lib/shared/schemas/common';
import { runIsolated } from './message-hooks';

type Row = typeof conversations.$inferSelect;
/** `role` is known for people acting through the API; a lead's assignment takes an escalation. */
type Actor = { id: number; name: string; role?: Role };

/**
 * How linking a conversation to an incident (crisis mode) plugs in, so the inbox does not depend
 * on the crisis domain. Both run in the transaction of the change.
 */
export interface IncidentLinks {
  /** The incident to link to, if it may take conversations (else it throws `incident_not_active`). */
  linkable(incidentId: number): { id: number; title: string };
  /** After the link changed (audit, acknowledgement). */
  changed(events: EventRecorder, change: { conversationId: number; from: number | null; to: number | null; actor: Actor | null }): void;
}

/**
 * Runs in the transaction that moves a conversation to resolved (not on later edits of a resolved
 * one), with the row as it becomes; another domain (satisfaction surveys) plugs in here.
 */
export type ResolvedHook = (events: EventRecorder, conversation: Row, actor: Actor | null) => void;

export class ConversationService {
  #incidents: IncidentLinks | null = null;
  readonly #resolved: ResolvedHook[] = [];

  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly cache: StatementCache,
  ) {}

  useIncidentLinks(links: IncidentLinks): void {
    this.#incidents = links;
  }

  onResolved(hook: ResolvedHook): void {
    this.#resolved.push(hook);
  }

  list(auth: AuthContext, query: ConversationListQuery) {
    return listConversations(this.cache, auth, query);
  }

  counts(auth: AuthContext) {
    return conversationCounts(this.cache, auth);
  }

  labels(auth: AuthContext) {
    return labelCounts(this.cache, auth);
  }

  /** The row, if the caller may see it; 404 otherwise (whether or not it exists). */
  visibleRow(auth: AuthContext, id: number): Row {
    const row = this.db.select().from(conversations).where(eq(conversations.id, id)).get();
    if (!row) throw notFound('conversation');
    assertInbox(auth, row.inboxId);
    return row;
  }

  get(auth: AuthContext, id: number): ConversationDetail {
    return conversationDetail(this.cache, auth, id);
  }

  update(auth: AuthContext, id: number, patch: PatchConversationBody): ConversationDetail {
    this.log.transact((events) => this.#apply(events, actorOf(auth), this.visibleRow(auth, id), patch));
    return this.get(auth, id);
  }

  bulk(auth: AuthContext, ids: number[], action: BulkAction) {
    const updated: number[] = [];
    const failed: { id: number; code: string; message: string }[] = [];
    const patch = bulkPatch(action);
    for (const id of new Set(ids)) {
      try {
        this.log.transact((events) => {
          const row = this.visibleRow(auth, id);
          const p = typeof patch === 'function' ? patch(row) : patch;
          this.#apply(events, actorOf(auth), row, p);
        });
        updated.push(id);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        failed.push({ id, code: err.code, message: err.message });
      }
    }
    return { updated, failed };
  }

  markRead(auth: AuthContext, id: number): void {
    this.visibleRow(auth, id);
    const now = Date.now();
    this.db
      .insert(conversationReads)
      .values({ conversationId: id, userId: auth.user.id, readAt: now })
      .onConflictDoUpdate({ target: [conversationReads.userId, conversationReads.conversationId], set: { readAt: now } })
      .run();
  }

  /** Wakes snoozed conversations whose time has come. */
  wakeSnoozed(now = Date.now()): number {
    const due = this.db.select().from(conversations).where(and(eq(conversations.status, 'snoozed'), lte(conversations.snoozedUntil, now))).all();
    for (const row of due) {
      this.log.transact((events) => {
        this.db.update(conversations).set({ status: 'open', snoozedUntil: null, updatedAt: now }).where(eq(conversations.id, row.id)).run();
        this.#system(events, row, null, 'snooze_ended', {}, 'Snooze ended');
        this.emitUpdated(events, row.id, ['status'], null);
      });
    }
    return due.length;
  }

  /**
   * A change made on someone's behalf by the system (crisis mode resolving linked conversations),
   * inside the caller's transaction: no inbox check, the caller decided. False if nothing changed.
   */
  applyAs(events: EventRecorder, actor: Actor | null, id: number, patch: PatchConversationBody): boolean {
    const row = this.db.select().from(conversations).where(eq(conversations.id, id)).get();
    if (!row) throw notFound('conversation');
    return this.#apply(events, actor, row, patch);
  }

  /** A line in the thread written by the system itself (e.g. crisis mode linked it automatically). */
  systemMessage(events: EventRecorder, id: number, event: string, data: Record<string, string | number | null>, text: string, actor: Actor | null = null): void {
    const row = this.db.select().from(conversations).where(eq(conversations.id, id)).get();
    if (row) this.#system(events, row, actor, event, data, text);
  }

  emitUpdated(events: EventRecorder, id: number, changes: string[], actorId: number | null, type: 'conversation.updated' | 'conversation.created' = 'conversation.updated') {
    const summary = conversationSummary(this.cache, id);
    if (!summary) return;
    const { unread: _unread, ...conversation } = summary;
    events.record(type, { conversation, changes, actorId }, { inboxId: summary.inboxId });
  }

  #apply(events: EventRecorder, actor: Actor | null, row: Row, patch: PatchConversationBody): boolean {
    const now = Date.now();
    const set: Partial<typeof conversations.$inferInsert> = {};
    const changes: string[] = [];
    const who = actor?.name ?? 'Switchboard';

    if (patch.status !== undefined || patch.snoozedUntil !== undefined) {
      const next = patch.status ?? row.status;
      const until = patch.snoozedUntil === undefined ? undefined : patch.snoozedUntil === null ? null : Date.parse(patch.snoozedUntil);
      const change = changeStatus(row, next, next === 'snoozed' ? (until ?? row.snoozedUntil) : until, now);
      if (change.status !== row.status || change.snoozedUntil !== row.snoozedUntil) {
        Object.assign(set, change);
        changes.push('status');
        const event = change.status === 'resolved' ? 'resolved' : row.status === 'resolved' ? 'reopened' : change.status;
        this.#system(events, row, actor, event, { status: change.status, snoozedUntil: isoOrNull(change.snoozedUntil) }, `${who}: ${event}`);
      }
    }
    if (patch.assigneeId !== undefined && patch.assigneeId !== row.assigneeId) {
      let assigneeName: string | null = null;
      if (patch.assigneeId !== null) assigneeName = this.#assignable(row.inboxId, patch.assigneeId);
      set.assigneeId = patch.assigneeId;
      changes.push('assignee');
      if (patch.assigneeId !== null && row.escalatedAt !== null && actor?.role && atLeast(actor.role, 'lead')) {
        Object.assign(set, { escalatedAt: null, escalatedBy: null, escalationReason: null });
        changes.push('escalation');
      }
      this.#system(events, row, actor, patch.assigneeId === null ? 'unassigned' : 'assigned', { assigneeId: patch.assigneeId, assigneeName }, patch.assigneeId === null ? `${who} unassigned this conversation` : `${who} assigned this to ${assigneeName}`);
    }
    if (patch.priority !== undefined && patch.priority !== row.priority) {
      set.priority = patch.priority;
      changes.push('priority');
      this.#system(events, row, actor, 'priority', { priority: patch.priority }, `${who} set priority to ${patch.priority}`);
    }
    if (patch.labels !== undefined) {
      const labels = [...new Set(patch.labels)].sort((a, b) => a.localeCompare(b));
      if (JSON.stringify(labels) !== JSON.stringify(row.labels)) {
        set.labels = labels;
        changes.push('labels');
      }
    }
    if (patch.subject !== undefined && patch.subject !== row.subject) {
      set.subject = patch.subject;
      changes.push('subject');
    }
    const incident = this.#incidentChange(events, actor, row, patch.incidentId);
    if (incident) {
      set.incidentId = incident.to;
      changes.push('incident');
    }
    if (!changes.length) return false;
    set.updatedAt = now;
    this.db.update(conversations).set(set).where(eq(conversations.id, row.id)).run();
    if (incident) this.#incidents?.changed(events, { conversationId: row.id, ...incident, actor });
    if (set.status === 'resolved' && row.status !== 'resolved') {
      const resolved = { ...row, ...set };
      // A failing hook must not undo the resolve the agent asked for.
      for (const hook of this.#resolved) runIsolated(this.db, events, 'resolved hook', () => hook(events, resolved, actor));
    }
    this.emitUpdated(events, row.id, changes, actor?.id ?? null);
    return true;
  }

  /** Linking to an incident, or unlinking: a line in the thread says which. */
  #incidentChange(events: EventRecorder, actor: Actor | null, row: Row, incidentId: number | null | undefined) {
    if (incidentId === undefined || incidentId === row.incidentId) return null;
    const who = actor?.name ?? 'Switchboard';
    if (incidentId === null) {
      this.#system(events, row, actor, 'incident_unlinked', { incidentId: row.incidentId }, `${who} unlinked this conversation from incident #${row.incidentId}`);
      return { from: row.incidentId, to: null };
    }
    if (!this.#incidents) throw badRequest('crisis mode is not available', 'incident_not_active');
    const incident = this.#incidents.linkable(incidentId);
    this.#system(events, row, actor, 'incident_linked', { incidentId: incident.id, incidentTitle: incident.title }, `${who} linked this conversation to incident #${incident.id}: ${incident.title}`);
    return { from: row.incidentId, to: incident.id };
  }

  /** Only members of the inbox (or those who see every inbox) can be assigned. */
  #assignable(inboxId: number, userId: number): string {
    const user = this.db.select({ name: users.name, role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)).get();
    if (!user || user.disabledAt) throw badRequest('no such user', 'unknown_assignee');
    const member = this.db.select().from(inboxMembers).where(and(eq(inboxMembers.inboxId, inboxId), eq(inboxMembers.userId, userId))).get();
    if (!member && !seesAllInboxes(user.role as Role)) throw badRequest(`${user.name} is not a member of this inbox`, 'assignee_not_member');
    return user.name;
  }

  #system(events: EventRecorder, row: Row, actor: Actor | null, event: string, data: Record<string, string | number | null>, text: string) {
    const now = Date.now();
    const msg = this.db
      .insert(messages)
      .values({
        conversationId: row.id,
        inboxId: row.inboxId,
        direction: 'system',
        text,
        status: 'sent',
        authorUserId: actor?.id ?? null,
        event,
        eventData: { ...data, actorName: actor?.name ?? null },
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    events.record(
      'message.created',
      {
        conversationId: row.id,
        inboxId: row.inboxId,
        message: toMessage(msg, actor?.name ?? 'Switchboard'),
      },
      { inboxId: row.inboxId },
    );
  }
}

const actorOf = (auth: AuthContext): Actor => ({ id: auth.user.id, name: auth.user.name, role: auth.user.role });

function bulkPatch(action: BulkAction): PatchConversationBody | ((row: Row) => PatchConversationBody) {
  switch (action.type) {
    case 'assign':
      return { assigneeId: action.assigneeId };
    case 'status':
      return { status: action.status, ...(action.snoozedUntil ? { snoozedUntil: action.snoozedUntil } : {}) };
    case 'priority':
      return { priority: action.priority };
    case 'label':
      return (row) => ({ labels: [...new Set([...row.labels, ...action.add])].filter((l) => !action.remove.includes(l)) });
  }
}

