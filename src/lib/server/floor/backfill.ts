import type { Db } from '../db/client';
import type { EventBus } from '../events/event-bus';
import type { EventLog } from '../events/event-log';
import type { ConversationService } from '../inbox/conversation.service';
import type { PresenceService } from '../realtime/presence.service';
import type { AutoAssigner } from './auto-assign';

/**
 * Conversations that found nobody available wait unassigned. When an agent comes online, or one
 * of their conversations stops being open (resolved, pending, snoozed), the oldest waiting ones
 * of their auto-assign inboxes go to them, up to their capacity. Escalated conversations stay in
 * the leads' queue.
 */
export function startBackfill(deps: { db: Db; log: EventLog; bus: EventBus; presence: PresenceService; conversations: ConversationService; assigner: AutoAssigner }): () => void {
  const { db, log, bus, presence, conversations, assigner } = deps;
  const inboxesOf = db.$client.prepare<[number], { inboxId: number; capacity: number }>(
    `SELECT m.inbox_id AS inboxId, u.capacity FROM inbox_members m JOIN inboxes i ON i.id = m.inbox_id JOIN users u ON u.id = m.user_id
     WHERE m.user_id = ? AND i.auto_assign = 1 AND u.disabled_at IS NULL ORDER BY m.inbox_id`,
  );
  const oldestWaiting = db.$client.prepare<[number], { id: number }>(
    `SELECT id FROM conversations WHERE inbox_id = ? AND status = 'open' AND assignee_id IS NULL AND escalated_at IS NULL ORDER BY created_at, id LIMIT 1`,
  );

  const fill = (userId: number) => {
    if (presence.status(userId) !== 'online') return;
    for (const { inboxId, capacity } of inboxesOf.all(userId)) {
      while (assigner.openCount(userId) < capacity) {
        const next = oldestWaiting.get(inboxId);
        if (!next) break;
        log.transact((events) => {
          conversations.applyAs(events, null, next.id, { assigneeId: userId });
          assigner.recordTurn(inboxId, userId);
        });
      }
    }
  };

  return bus.subscribe((e) => {
    if (e.type === 'presence.updated' && e.payload.status === 'online') fill(e.payload.userId);
    if (e.type === 'conversation.updated' && e.payload.changes.includes('status') && e.payload.conversation.status !== 'open' && e.payload.conversation.assigneeId !== null) {
      fill(e.payload.conversation.assigneeId);
    }
  });
}
