import { and, desc, eq } from 'drizzle-orm';
import type { WidgetSurvey } from '$lib/shared/widget-events';
import type { Db } from '../db/client';
import { conversations } from '../db/schema';
import type { EventBus } from '../events/event-bus';
import type { CsatService } from './csat.service';

/** The survey a chat visitor should see now: their latest conversation's, if resolved and unanswered. */
export function widgetSurveyFor(db: Db, surveys: CsatService, inboxId: number, contactId: number): WidgetSurvey | null {
  const latest = db
    .select({ id: conversations.id, status: conversations.status })
    .from(conversations)
    .where(and(eq(conversations.inboxId, inboxId), eq(conversations.contactId, contactId)))
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(1)
    .get();
  if (!latest || latest.status !== 'resolved') return null;
  const token = surveys.pendingToken(latest.id);
  return token ? { token } : null;
}

/**
 * Tells open chat widgets when their survey appears (resolved) or goes (reopened, answered):
 * `send` reaches the visitor of a chat conversation, if it is one.
 */
export function startWidgetSurveys(bus: EventBus, surveys: CsatService, send: (conversationId: number, survey: WidgetSurvey | null) => void): () => void {
  return bus.subscribe((e) => {
    if (e.type === 'conversation.updated' && e.payload.changes.includes('status')) {
      const { id, status } = e.payload.conversation;
      const token = status === 'resolved' ? surveys.pendingToken(id) : null;
      send(id, token ? { token } : null);
    }
    if (e.type === 'csat.rated' && e.payload.channel === 'chat') send(e.payload.conversationId, null);
  });
}
