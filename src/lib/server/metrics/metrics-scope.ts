/**
 * Whose figures a metrics reader sees. Supervisors and admins see everything; a lead sees the
 * conversations of the inboxes they are a member of and the agents of the teams they lead (the
 * same teams as floor/team-scope.ts).
 */
import { requireRole, type AuthContext } from '../auth/auth-context';
import { seesAllInboxes } from '../auth/roles';
import type { StatementCache } from '../db/statement-cache';
import { AGENTS_LED_SQL } from '../floor/team-scope';

export type MetricsScope = { kind: 'all' } | { kind: 'team'; leadId: number; inboxIds: number[]; agentIds: number[] };

/** Agents who are members of a team the user leads (the lead included when in such a team). */
export function agentsLedBy(cache: StatementCache, userId: number): number[] {
  return cache
    .get<[number], { id: number }>(AGENTS_LED_SQL)
    .all(userId)
    .map((r) => r.id);
}

/** The caller's scope; agents (and any role below lead) are refused. */
export function metricsScope(cache: StatementCache, auth: AuthContext): MetricsScope {
  requireRole(auth, 'lead');
  if (seesAllInboxes(auth.user.role)) return { kind: 'all' };
  return { kind: 'team', leadId: auth.user.id, inboxIds: [...auth.memberInboxIds].sort((a, b) => a - b), agentIds: agentsLedBy(cache, auth.user.id) };
}

/** One key per distinct scope, so equal scopes share one computation. */
export const scopeKey = (s: MetricsScope) => (s.kind === 'all' ? 'all' : `team:${s.inboxIds.join(',')}|${s.agentIds.join(',')}`);
