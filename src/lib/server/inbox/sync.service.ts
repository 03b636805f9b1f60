import type { LoggedEvent } from '$lib/shared/schemas/events';
import type { AuthContext } from '../auth/auth-context';
import { visibleInboxIds } from '../auth/auth-context';
import type { StatementCache } from '../db/statement-cache';
import type { EventLog } from '../events/event-log';

type Row = { seq: number; type: string; payload: string };

/** Replays the event log after a given seq, limited to what the caller may see. */
export class SyncService {
  constructor(
    private readonly cache: StatementCache,
    private readonly log: EventLog,
  ) {}

  since(auth: AuthContext, since: number, limit = 500): { events: LoggedEvent[]; seq: number; hasMore: boolean } {
    const ids = visibleInboxIds(auth);
    const inboxClause = ids === null ? '1' : `(inbox_id IS NULL OR inbox_id IN (${ids.map(() => '?').join(',') || 'NULL'}))`;
    const rows = this.cache
      .get<unknown[], Row>(
        `SELECT seq, type, payload FROM events WHERE seq > ? AND ${inboxClause} AND (user_id IS NULL OR user_id = ?) ORDER BY seq LIMIT ?`,
      )
      .all(since, ...(ids ?? []), auth.user.id, limit + 1);
    const page = rows.slice(0, limit);
    const hasMore = rows.length > limit;
    // With nothing (more) to see, the caller may jump to the head of the log.
    const seq = hasMore ? page[page.length - 1].seq : Math.max(since, this.log.currentSeq());
    return { events: page.map((r) => ({ seq: r.seq, type: r.type, payload: JSON.parse(r.payload) }) as LoggedEvent), seq, hasMore };
  }
}
