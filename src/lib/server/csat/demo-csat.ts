import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { conversations, csatResponses, inboxes } from '../db/schema';

/** Mostly happy, some unhappy, a few who never answer: a plausible spread, the same on every seed. */
const SPREAD = [5, 4, 5, 3, 5, 4, null, 2, 5, 4, 1, null, 4, 5, 3];
const COMMENTS: Record<number, string> = { 5: 'Fast and friendly, thank you!', 2: 'It took too long to get an answer.', 1: 'My problem is still not solved.' };

/**
 * Past surveys for the demo's resolved conversations, written directly: the demo's history was
 * resolved with surveys switched off, so no customer is messaged, yet reports have figures.
 */
export function seedDemoCsat(db: Db): number {
  const resolved = db
    .select({ id: conversations.id, inboxId: conversations.inboxId, channel: inboxes.channel, assigneeId: conversations.assigneeId, resolvedAt: conversations.resolvedAt })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .where(and(eq(conversations.status, 'resolved'), isNull(conversations.incidentId)))
    .all();
  let n = 0;
  for (const c of resolved) {
    if (c.resolvedAt === null) continue;
    const rating = SPREAD[c.id % SPREAD.length] ?? null;
    const ratedAt = rating === null ? null : c.resolvedAt + ((c.id * 7919) % 36) * 3_600_000 + 600_000;
    db.insert(csatResponses)
      .values({ conversationId: c.id, inboxId: c.inboxId, channel: c.channel, agentId: c.assigneeId, requestedAt: c.resolvedAt, rating, comment: rating !== null && c.id % 3 === 0 ? (COMMENTS[rating] ?? null) : null, ratedAt })
      .onConflictDoNothing()
      .run();
    n++;
  }
  return n;
}
