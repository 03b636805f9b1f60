/**
 * The wallboard's figures for one scope, read in a handful of statements.
 *
 * "Waiting" means an open conversation whose latest public message is the customer's: no public
 * agent reply (a private note does not count, nor a reply that failed to send) came after the
 * last incoming message. Its wait started at the first incoming message after that reply.
 * SLA figures reuse the console's SLA state (`slaSnapshot`) over unresolved conversations.
 * "Today" is the server's local calendar day (its TZ), from local midnight until now.
 */
import type { LiveAgent, LiveChannelFigures, LiveMetrics, LiveQueueFigures, TodayFigures } from '$lib/shared/schemas/metrics';
import type { ChannelKind, ConversationStatus, PresenceStatus } from '$lib/shared/schemas/common';
import type { Severity, IncidentStatus } from '$lib/shared/schemas/incident';
import type { StatementCache } from '../db/statement-cache';
import type { MetricsScope } from './metrics-scope';
import { SLA_COLUMNS, SLA_JOIN, slaSnapshot, type SlaColumns } from './sla-snapshot';
import { firstResponseMs, resolutionMs, type CalendarLookup } from './response-times';
import { csatAverage, median, toSeconds } from './stats';

type QueueRow = SlaColumns & { channel: ChannelKind; status: ConversationStatus; assigneeId: number | null; waitingSince: number | null };

const REPLY = "m.direction = 'outgoing' AND m.private = 0 AND m.status != 'failed'";
const LAST_REPLY = `(SELECT max(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND ${REPLY})`;
const WAITING_SINCE = `CASE WHEN c.status = 'open' AND c.last_incoming_at > COALESCE(${LAST_REPLY}, 0) THEN
  (SELECT min(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'incoming' AND m.created_at > COALESCE(${LAST_REPLY}, 0)) END`;

export interface LiveDeps {
  cache: StatementCache;
  presence: (userId: number) => PresenceStatus;
  calendars: CalendarLookup;
}

/** `c.inbox_id IN (...)` for a team scope; nothing for everyone. */
function inboxFilter(scope: MetricsScope, column = 'c.inbox_id'): { sql: string; params: number[] } {
  if (scope.kind === 'all') return { sql: '', params: [] };
  return { sql: ` AND ${column} IN (${scope.inboxIds.map(() => '?').join(',') || 'NULL'})`, params: scope.inboxIds };
}

export const startOfLocalDay = (now: number) => new Date(now).setHours(0, 0, 0, 0);

const emptyQueue = (): LiveQueueFigures => ({ open: 0, unassigned: 0, waiting: 0, longestWaitSeconds: 0, atRisk: 0, breached: 0 });

function queues(deps: LiveDeps, scope: MetricsScope, now: number): { channels: LiveChannelFigures[]; totals: LiveQueueFigures } {
  const f = inboxFilter(scope);
  const channelRows = deps.cache
    .get<number[], { channel: ChannelKind }>(`SELECT DISTINCT c.channel FROM inboxes c WHERE 1 = 1${inboxFilter(scope, 'c.id').sql} ORDER BY c.channel`)
    .all(...f.params);
  const byChannel = new Map<ChannelKind, LiveQueueFigures>(channelRows.map((r) => [r.channel, emptyQueue()]));
  const totals = emptyQueue();
  const rows = deps.cache
    .get<number[], QueueRow>(
      `SELECT i.channel, c.status, c.assignee_id AS assigneeId, ${WAITING_SINCE} AS waitingSince, ${SLA_COLUMNS}
       FROM conversations c JOIN inboxes i ON i.id = c.inbox_id ${SLA_JOIN}
       WHERE c.status IN ('open', 'pending', 'snoozed')${f.sql}`,
    )
    .all(...f.params);
  for (const r of rows) {
    let ch = byChannel.get(r.channel);
    if (!ch) byChannel.set(r.channel, (ch = emptyQueue()));
    const state = slaSnapshot(r, r.status, now).state;
    for (const q of [ch, totals]) {
      if (r.status === 'open') {
        q.open++;
        if (r.assigneeId === null) q.unassigned++;
      }
      if (r.waitingSince !== null) {
        q.waiting++;
        q.longestWaitSeconds = Math.max(q.longestWaitSeconds, Math.max(0, Math.floor((now - r.waitingSince) / 1000)));
      }
      if (state === 'warning') q.atRisk++;
      if (state === 'breached') q.breached++;
    }
  }
  return { channels: [...byChannel].map(([channel, q]) => ({ channel, ...q })), totals };
}

function agents(deps: LiveDeps, scope: MetricsScope): LiveAgent[] {
  const who =
    scope.kind === 'all'
      ? { sql: "(u.role IN ('agent', 'lead') OR EXISTS (SELECT 1 FROM inbox_members im WHERE im.user_id = u.id))", params: [] as number[] }
      : { sql: `u.id IN (${scope.agentIds.map(() => '?').join(',') || 'NULL'})`, params: scope.agentIds };
  const rows = deps.cache
    .get<number[], { id: number; name: string; capacity: number; load: number }>(
      `SELECT u.id, u.name, u.capacity, (SELECT count(*) FROM conversations c WHERE c.assignee_id = u.id AND c.status = 'open') AS load
       FROM users u WHERE u.disabled_at IS NULL AND ${who.sql} ORDER BY u.name, u.id`,
    )
    .all(...who.params);
  return rows.map((r) => ({ ...r, status: deps.presence(r.id) }));
}

type TimedRow = { createdAt: number; firstReplyAt: number | null; resolvedAt: number | null; policyId: number | null };

function today(deps: LiveDeps, scope: MetricsScope, now: number): TodayFigures {
  const start = startOfLocalDay(now);
  const f = inboxFilter(scope);
  const timed = (column: string) =>
    deps.cache
      .get<number[], TimedRow>(
        `SELECT c.created_at AS createdAt, c.first_reply_at AS firstReplyAt, c.resolved_at AS resolvedAt, s.policy_id AS policyId
         FROM conversations c ${SLA_JOIN} WHERE c.${column} >= ? AND c.${column} <= ?${f.sql}`,
      )
      .all(start, now, ...f.params);
  const replied = timed('first_reply_at');
  const resolved = timed('resolved_at').filter((r) => r.resolvedAt !== null);
  const firstResponses = replied.map((r) => ({ at: r.firstReplyAt!, ms: firstResponseMs(r, deps.calendars)! }));
  const byHour: number[][] = Array.from({ length: 24 }, () => []);
  for (const r of firstResponses) byHour[new Date(r.at).getHours()].push(r.ms);
  const volumeByHour = new Array<number>(24).fill(0);
  for (const r of deps.cache.get<number[], { createdAt: number }>(`SELECT c.created_at AS createdAt FROM conversations c WHERE c.created_at >= ? AND c.created_at <= ?${f.sql}`).all(start, now, ...f.params)) {
    volumeByHour[new Date(r.createdAt).getHours()]++;
  }
  const ratings = deps.cache
    .get<number[], { rating: number }>(`SELECT c.rating FROM csat_responses c WHERE c.rating IS NOT NULL AND c.rated_at >= ? AND c.rated_at <= ?${f.sql}`)
    .all(start, now, ...f.params)
    .map((r) => r.rating);
  return {
    firstResponseMedianSeconds: toSeconds(median(firstResponses.map((r) => r.ms))),
    resolutionMedianSeconds: toSeconds(median(resolved.map((r) => resolutionMs(r, deps.calendars)!))),
    resolved: resolved.length,
    csat: csatAverage(ratings),
    volumeByHour,
    firstResponseByHour: byHour.map((ms) => toSeconds(median(ms))),
  };
}

const SEVERITY_RANK = "CASE severity WHEN 'critical' THEN 0 WHEN 'major' THEN 1 ELSE 2 END";

function incident(deps: LiveDeps): LiveMetrics['incident'] {
  const row = deps.cache
    .get<[], { id: number; title: string; severity: Severity; status: IncidentStatus; createdAt: number }>(
      `SELECT id, title, severity, status, created_at AS createdAt FROM incidents WHERE resolved_at IS NULL ORDER BY ${SEVERITY_RANK}, created_at DESC LIMIT 1`,
    )
    .get();
  return row ? { id: row.id, title: row.title, severity: row.severity, status: row.status, startedAt: new Date(row.createdAt).toISOString() } : null;
}

export function liveMetrics(deps: LiveDeps, scope: MetricsScope, now = Date.now()): LiveMetrics {
  return {
    ...queues(deps, scope, now),
    agents: agents(deps, scope),
    today: today(deps, scope, now),
    incident: incident(deps),
    generatedAt: new Date(now).toISOString(),
    scope: scope.kind,
  };
}
