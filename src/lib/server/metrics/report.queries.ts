/**
 * Reports over any past range, from what the database keeps for good: the event log (every
 * resolve is a `conversation.updated` event with `status` among its changes), conversation
 * timestamps that are written once (start, first reply), messages, SLA clocks and CSAT answers.
 * Days are the server's local calendar days; both ends of the range are included.
 */
import type { Report, ReportQuery } from '$lib/shared/schemas/metrics';
import type { StatementCache } from '../db/statement-cache';
import type { MetricsScope } from './metrics-scope';
import { attainment, firstResponseMs, resolutionMs, targetOutcome, type CalendarLookup } from './response-times';
import { csatAverage, median, p90, toSeconds } from './stats';

type Where = { sql: string; params: (number | string)[] };

/** Local midnight of a `YYYY-MM-DD` date, in the server's time zone. */
export const localMidnight = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d).getTime();
};

const localDate = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Conditions on a conversation `c` joined with its inbox `i`: the caller's scope and the filters. */
function conversationFilter(scope: MetricsScope, q: ReportQuery): Where {
  const clauses: string[] = [];
  const params: (number | string)[] = [];
  if (scope.kind === 'team') {
    clauses.push(`c.inbox_id IN (${scope.inboxIds.map(() => '?').join(',') || 'NULL'})`);
    params.push(...scope.inboxIds);
  }
  if (q.inboxId) clauses.push('c.inbox_id = ?'), params.push(q.inboxId);
  if (q.channel) clauses.push('i.channel = ?'), params.push(q.channel);
  if (q.agentId) clauses.push('c.assignee_id = ?'), params.push(q.agentId);
  if (q.teamId) clauses.push('c.assignee_id IN (SELECT user_id FROM team_members WHERE team_id = ?)'), params.push(q.teamId);
  return { sql: clauses.map((c) => ` AND ${c}`).join(''), params };
}

function durations(values: number[]) {
  return { count: values.length, medianSeconds: toSeconds(median(values)), p90Seconds: toSeconds(p90(values)) };
}

type Timed = { id: number; createdAt: number; firstReplyAt: number | null; resolvedAt: number | null; policyId: number | null };
type SlaRow = { frDue: number | null; frBreached: number | null; frMet: number | null; resDue: number | null; resBreached: number | null; resMet: number | null };

export function buildReport(cache: StatementCache, calendars: CalendarLookup, scope: MetricsScope, q: ReportQuery): Report {
  const from = localMidnight(q.from);
  const toDay = localMidnight(q.to);
  const until = new Date(new Date(toDay).setDate(new Date(toDay).getDate() + 1)).getTime();
  const f = conversationFilter(scope, q);
  const FROM = 'FROM conversations c JOIN inboxes i ON i.id = c.inbox_id LEFT JOIN conversation_sla s ON s.conversation_id = c.id';
  const timedCols = 'c.id, c.created_at AS createdAt, c.first_reply_at AS firstReplyAt, c.resolved_at AS resolvedAt, s.policy_id AS policyId';

  const opened = cache
    .get<unknown[], Timed & SlaRow>(
      `SELECT ${timedCols}, s.first_response_due_at AS frDue, s.first_response_breached_at AS frBreached, s.first_response_met_at AS frMet,
         s.resolution_due_at AS resDue, s.resolution_breached_at AS resBreached, s.resolution_met_at AS resMet
       ${FROM} WHERE c.created_at >= ? AND c.created_at < ?${f.sql}`,
    )
    .all(from, until, ...f.params);
  const replied = cache.get<unknown[], Timed>(`SELECT ${timedCols} ${FROM} WHERE c.first_reply_at >= ? AND c.first_reply_at < ?${f.sql}`).all(from, until, ...f.params);
  // Every resolve in the range, from the event log: the conversation as it was resolved.
  const resolves = cache
    .get<unknown[], Timed & { at: number }>(
      `SELECT ${timedCols}, e.created_at AS at FROM events e JOIN conversations c ON c.id = json_extract(e.payload, '$.conversation.id')
         JOIN inboxes i ON i.id = c.inbox_id LEFT JOIN conversation_sla s ON s.conversation_id = c.id
       WHERE e.type = 'conversation.updated' AND e.created_at >= ? AND e.created_at < ?
         AND json_extract(e.payload, '$.conversation.status') = 'resolved'
         AND EXISTS (SELECT 1 FROM json_each(e.payload, '$.changes') WHERE value = 'status')${f.sql}`,
    )
    .all(from, until, ...f.params);

  const outcomes = opened.flatMap((r) => [
    r.frMet === null && r.frBreached === null ? null : targetOutcome({ dueAt: r.frDue, breachedAt: r.frBreached }),
    r.resMet === null && r.resBreached === null ? null : targetOutcome({ dueAt: r.resDue, breachedAt: r.resBreached }),
  ]);

  const csatFilter = conversationFilter(scope, { ...q, agentId: undefined, teamId: undefined });
  const ratings = cache
    .get<unknown[], { rating: number }>(
      `SELECT r.rating FROM csat_responses r JOIN conversations c ON c.id = r.conversation_id JOIN inboxes i ON i.id = c.inbox_id
       WHERE r.rating IS NOT NULL AND r.rated_at >= ? AND r.rated_at < ?${csatFilter.sql}
       ${q.agentId ? ' AND r.agent_id = ?' : ''}${q.teamId ? ' AND r.agent_id IN (SELECT user_id FROM team_members WHERE team_id = ?)' : ''}`,
    )
    .all(from, until, ...csatFilter.params, ...(q.agentId ? [q.agentId] : []), ...(q.teamId ? [q.teamId] : []))
    .map((r) => r.rating);

  // Messages are the agent's own: filter by author rather than by the conversation's assignee.
  const msgFilter = conversationFilter(scope, { ...q, agentId: undefined, teamId: undefined });
  const perAgent = cache
    .get<unknown[], { agentId: number; name: string; messages: number }>(
      `SELECT m.author_user_id AS agentId, u.name, count(*) AS messages FROM messages m JOIN users u ON u.id = m.author_user_id
         JOIN conversations c ON c.id = m.conversation_id JOIN inboxes i ON i.id = c.inbox_id
       WHERE m.direction = 'outgoing' AND m.private = 0 AND m.created_at >= ? AND m.created_at < ?${msgFilter.sql}
         ${q.agentId ? ' AND m.author_user_id = ?' : ''}${q.teamId ? ' AND m.author_user_id IN (SELECT user_id FROM team_members WHERE team_id = ?)' : ''}
       GROUP BY m.author_user_id ORDER BY messages DESC, u.name`,
    )
    .all(from, until, ...msgFilter.params, ...(q.agentId ? [q.agentId] : []), ...(q.teamId ? [q.teamId] : []));

  const busiestHours = new Array<number>(24).fill(0);
  for (const r of cache
    .get<unknown[], { at: number }>(
      `SELECT m.created_at AS at FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN inboxes i ON i.id = c.inbox_id
       WHERE m.direction = 'incoming' AND m.created_at >= ? AND m.created_at < ?${f.sql}`,
    )
    .all(from, until, ...f.params)) {
    busiestHours[new Date(r.at).getHours()]++;
  }

  const daily = new Map<string, { date: string; opened: number; resolved: number }>();
  for (let d = new Date(from); d.getTime() < until; d.setDate(d.getDate() + 1)) daily.set(localDate(d.getTime()), { date: localDate(d.getTime()), opened: 0, resolved: 0 });
  for (const r of opened) daily.get(localDate(r.createdAt))!.opened++;
  for (const r of resolves) daily.get(localDate(r.at))!.resolved++;

  return {
    from: q.from,
    to: q.to,
    opened: opened.length,
    resolved: resolves.length,
    firstResponse: durations(replied.map((r) => firstResponseMs(r, calendars)!)),
    resolution: durations(resolves.map((r) => resolutionMs({ ...r, resolvedAt: r.at }, calendars)!)),
    sla: attainment(outcomes),
    csat: csatAverage(ratings),
    messagesPerAgent: perAgent,
    busiestHours,
    daily: [...daily.values()],
  };
}
