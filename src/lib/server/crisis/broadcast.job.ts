import { and, asc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { conversations, incidentDeliveries, incidentUpdates } from '../db/schema';
import type { EventLog } from '../events/event-log';
import type { ConversationService } from '../inbox/conversation.service';
import type { MessageService } from '../inbox/message.service';
import type { JobHandler } from '../jobs/job-worker';
import type { BroadcastProgress } from './broadcast-progress';
import type { IncidentQueries } from './incident.queries';

export const BROADCAST_JOB = 'incident.broadcast';

const Payload = z.object({ updateId: z.number().int() });

export interface BroadcastDeps {
  db: Db;
  log: EventLog;
  messages: MessageService;
  conversations: ConversationService;
  queries: IncidentQueries;
  progress: BroadcastProgress;
  chunkSize?: number;
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Sends one incident update to the linked customers whose `pending` delivery rows it created,
 * in chunks: each chunk stores the messages, their delivery jobs and the rows' move to `queued`
 * in one transaction. Re-run after a crash, it finds only what is still pending, so every
 * conversation gets the update exactly once. With `resolveLinked` it then resolves the linked
 * conversations, also in chunks.
 */
export function broadcastJob(deps: BroadcastDeps): JobHandler {
  const { db, log, messages, conversations: convs, queries, progress } = deps;
  const chunkSize = deps.chunkSize ?? 50;

  const sendChunk = (update: typeof incidentUpdates.$inferSelect, author: { id: number; name: string } | null): number => {
    return log.transact((events) => {
      const pending = db
        .select({ id: incidentDeliveries.id, conversationId: incidentDeliveries.conversationId })
        .from(incidentDeliveries)
        .where(and(eq(incidentDeliveries.updateId, update.id), eq(incidentDeliveries.status, 'pending')))
        .orderBy(asc(incidentDeliveries.id))
        .limit(chunkSize)
        .all();
      for (const row of pending) {
        const mark = events.pending.length;
        try {
          // One savepoint per conversation: a conversation that cannot take the message fails alone.
          db.$client.transaction(() => {
            const { message, refused } = messages.sendAutomated(events, row.conversationId, update.message, author);
            db.update(incidentDeliveries)
              .set({ messageId: message.id, status: refused === null ? 'queued' : 'failed', error: refused, updatedAt: Date.now() })
              .where(eq(incidentDeliveries.id, row.id))
              .run();
          })();
        } catch (err) {
          events.pending.splice(mark);
          const error = err instanceof Error ? err.message : String(err);
          db.update(incidentDeliveries).set({ status: 'failed', error, updatedAt: Date.now() }).where(eq(incidentDeliveries.id, row.id)).run();
        }
      }
      return pending.length;
    });
  };

  const resolveChunk = (update: typeof incidentUpdates.$inferSelect, author: { id: number; name: string } | null, done: Set<number>): number => {
    return log.transact((events) => {
      const open = db
        .select({ id: conversations.id })
        .from(conversations)
        .where(and(eq(conversations.incidentId, update.incidentId), ne(conversations.status, 'resolved')))
        .orderBy(asc(conversations.id))
        .limit(chunkSize)
        .all()
        .filter((c) => !done.has(c.id));
      for (const c of open) {
        done.add(c.id);
        convs.applyAs(events, author, c.id, { status: 'resolved' });
      }
      return open.length;
    });
  };

  return {
    async run(payload) {
      const { updateId } = Payload.parse(payload);
      const update = db.select().from(incidentUpdates).where(eq(incidentUpdates.id, updateId)).get();
      if (!update) return { ok: true };
      const author = update.authorId !== null ? { id: update.authorId, name: queries.userName(update.authorId) ?? '' } : null;
      while (sendChunk(update, author) > 0) {
        progress.touch(update.incidentId, update.id);
        await nextTick();
      }
      if (update.resolveLinked) {
        const done = new Set<number>();
        while (resolveChunk(update, author, done) > 0) await nextTick();
      }
      return { ok: true };
    },
  };
}
