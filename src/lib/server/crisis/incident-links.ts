import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { conversations, incidentDeliveries, messageEmails, messages } from '../db/schema';
import { badRequest } from '../errors';
import type { EventRecorder } from '../events/event-log';
import type { ConversationService, IncidentLinks } from '../inbox/conversation.service';
import type { ConversationStartedHook, MessageService } from '../inbox/message.service';
import type { AuditService } from './audit.service';
import type { BroadcastProgress } from './broadcast-progress';
import type { IncidentRow } from './incident.mapper';
import type { IncidentQueries } from './incident.queries';
import { pickIncident } from './incident-matcher';

/**
 * Which conversations belong to which incident: new ones by the incident's rules, any one by
 * hand (PATCH conversation). A newly linked conversation gets the one acknowledgement when the
 * incident asks for it; its delivery row's unique key keeps it to one, even after a relink.
 */
export class IncidentLinker implements IncidentLinks {
  constructor(
    private readonly db: Db,
    private readonly queries: IncidentQueries,
    private readonly audit: AuditService,
    private readonly messages: MessageService,
    private readonly conversations: ConversationService,
    private readonly progress: BroadcastProgress,
  ) {}

  linkable(incidentId: number): { id: number; title: string } {
    const row = this.queries.row(incidentId);
    if (!row || row.resolvedAt !== null) throw badRequest(`incident #${incidentId} does not exist or is resolved`, 'incident_not_active');
    return { id: row.id, title: row.title };
  }

  changed(events: EventRecorder, change: { conversationId: number; from: number | null; to: number | null; actor: { id: number; name: string } | null }): void {
    const target = { type: 'conversation', id: change.conversationId };
    if (change.from !== null) this.audit.record(change.actor?.id ?? null, 'conversation.unlinked', target, { incidentId: change.from });
    if (change.to === null) return;
    this.audit.record(change.actor?.id ?? null, 'conversation.linked', target, { incidentId: change.to, auto: false });
    const incident = this.queries.row(change.to);
    if (incident && !this.#writtenByMachine(change.conversationId)) this.acknowledge(events, change.conversationId, incident);
  }

  /** Links a conversation a customer just started to the active incident its first words match. */
  readonly onStarted: ConversationStartedHook = (events, started) => {
    const match = pickIncident(this.queries.activeRules(), {
      inboxId: started.inbox.id,
      channel: started.inbox.channel,
      subject: started.subject,
      text: started.text,
    });
    if (!match) return;
    this.db.update(conversations).set({ incidentId: match.id }).where(eq(conversations.id, started.conversationId)).run();
    this.audit.record(null, 'conversation.linked', { type: 'conversation', id: started.conversationId }, { incidentId: match.id, auto: true });
    return () => {
      this.conversations.systemMessage(
        events,
        started.conversationId,
        'incident_linked',
        { incidentId: match.id, incidentTitle: match.row.title, auto: 1 },
        `Linked automatically to incident #${match.id}: ${match.row.title}`,
      );
      if (!started.autoSubmitted) this.acknowledge(events, started.conversationId, match.row);
    };
  };

  /** The one acknowledgement per (incident, conversation), with the current customer-facing message. */
  acknowledge(events: EventRecorder, conversationId: number, incident: IncidentRow): void {
    if (!incident.autoAcknowledge) return;
    const now = Date.now();
    const claimed = this.db
      .insert(incidentDeliveries)
      .values({ key: `ack:${incident.id}:${conversationId}`, incidentId: incident.id, updateId: null, conversationId, status: 'pending', createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning({ id: incidentDeliveries.id })
      .get();
    if (!claimed) return;
    const latest = this.queries.latestUpdate(incident.id);
    const author = latest?.author ?? (incident.declaredBy !== null ? { id: incident.declaredBy, name: this.queries.userName(incident.declaredBy) ?? '' } : null);
    const { message, refused } = this.messages.sendAutomated(events, conversationId, incident.message, author);
    this.db
      .update(incidentDeliveries)
      .set({ messageId: message.id, status: refused === null ? 'queued' : 'failed', error: refused, updatedAt: Date.now() })
      .where(eq(incidentDeliveries.id, claimed.id))
      .run();
    this.progress.touch(incident.id, null);
  }

  /** The customer's latest message came from a machine (an auto-reply): never answer it automatically. */
  #writtenByMachine(conversationId: number): boolean {
    const last = this.db
      .select({ auto: messageEmails.autoSubmitted })
      .from(messages)
      .leftJoin(messageEmails, eq(messageEmails.messageId, messages.id))
      .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, 'incoming')))
      .orderBy(desc(messages.id))
      .limit(1)
      .get();
    return last?.auto === true;
  }
}
