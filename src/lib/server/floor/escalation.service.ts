import { eq, isNull } from 'drizzle-orm';
import type { Priority, Role } from '$lib/shared/schemas/common';
import type { ConversationDetail } from '$lib/shared/schemas/conversation';
import type { Db } from '../db/client';
import { contacts, conversations, inboxMembers, users } from '../db/schema';
import { conflict } from '../errors';
import type { EventLog } from '../events/event-log';
import type { AuthContext } from '../auth/auth-context';
import { atLeast, seesAllInboxes } from '../auth/roles';
import type { ConversationService } from '../inbox/conversation.service';

/** Escalating raises the priority to at least high; urgent stays urgent. */
export const escalatedPriority = (p: Priority): Priority => (p === 'urgent' ? 'urgent' : 'high');

/**
 * An agent hands a conversation they cannot solve to the inbox's leads: it leaves their queue
 * (unassigned), goes up to high priority, and every lead who sees the inbox hears of it at once.
 * A lead assigning it (to themselves or anyone) takes it and clears the escalation.
 */
export class EscalationService {
  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly conversations: ConversationService,
  ) {}

  escalate(auth: AuthContext, id: number, reason: string): ConversationDetail {
    const actor = { id: auth.user.id, name: auth.user.name };
    this.log.transact((events) => {
      const row = this.conversations.visibleRow(auth, id);
      if (row.status === 'resolved') throw conflict('a resolved conversation cannot be escalated; reopen it first', 'conversation_resolved');
      this.db.update(conversations).set({ escalatedAt: Date.now(), escalatedBy: actor.id, escalationReason: reason }).where(eq(conversations.id, id)).run();
      this.conversations.systemMessage(events, id, 'escalated', { reason }, `${actor.name} escalated this conversation: ${reason}`, actor);
      const priority = escalatedPriority(row.priority);
      const patch = { ...(row.assigneeId !== null ? { assigneeId: null } : {}), ...(priority !== row.priority ? { priority } : {}) };
      const changed = Object.keys(patch).length > 0 && this.conversations.applyAs(events, actor, id, patch);
      if (!changed) this.conversations.emitUpdated(events, id, ['escalation'], actor.id);
      const contactName = this.db.select({ name: contacts.name }).from(contacts).where(eq(contacts.id, row.contactId)).get()?.name ?? '';
      for (const leadId of this.leadsOf(row.inboxId)) {
        if (leadId === actor.id) continue;
        events.record('conversation.escalated', { conversationId: id, inboxId: row.inboxId, reason, by: actor, contactName }, { userId: leadId });
      }
    });
    return this.conversations.get(auth, id);
  }

  /** Active leads, supervisors and admins who can see the inbox: the ones escalations go to. */
  leadsOf(inboxId: number): number[] {
    const members = new Set(this.db.select({ id: inboxMembers.userId }).from(inboxMembers).where(eq(inboxMembers.inboxId, inboxId)).all().map((r) => r.id));
    return this.db
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(isNull(users.disabledAt))
      .all()
      .filter((u) => atLeast(u.role as Role, 'lead') && (seesAllInboxes(u.role as Role) || members.has(u.id)))
      .map((u) => u.id);
  }
}
