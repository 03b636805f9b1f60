import { and, avg, count, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { csatResponses } from '../db/schema';

export interface CsatSummaryFilter {
  /** Ratings given at or after this time (ms since the epoch). */
  from: number;
  /** ... and before this time. */
  to: number;
  inboxIds?: number[];
  /** The agent the conversation was assigned to when the survey was sent. */
  agentIds?: number[];
}

export interface CsatSummary {
  /** Answered surveys in the window. */
  responses: number;
  /** Mean rating (1-5), null without responses. */
  average: number | null;
  /** Share (0-1) of responses rating 4 or 5, null without responses. */
  satisfiedShare: number | null;
}

/**
 * Customer satisfaction over a time window, by when customers answered. Reports and the
 * wallboard read it; an empty filter list means "none", not "all".
 */
export function csatSummary(db: Db, filter: CsatSummaryFilter): CsatSummary {
  const row = db
    .select({
      responses: count(),
      average: avg(csatResponses.rating),
      satisfied: sql<number>`coalesce(sum(${csatResponses.rating} >= 4), 0)`,
    })
    .from(csatResponses)
    .where(
      and(
        isNotNull(csatResponses.rating),
        gte(csatResponses.ratedAt, filter.from),
        lt(csatResponses.ratedAt, filter.to),
        filter.inboxIds ? inArray(csatResponses.inboxId, filter.inboxIds) : undefined,
        filter.agentIds ? inArray(csatResponses.agentId, filter.agentIds) : undefined,
      ),
    )
    .get();
  const responses = row?.responses ?? 0;
  if (!responses) return { responses: 0, average: null, satisfiedShare: null };
  return { responses, average: Number(row!.average), satisfiedShare: Number(row!.satisfied) / responses };
}
