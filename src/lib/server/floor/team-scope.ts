import type { Role } from '$lib/shared/schemas/common';
import type { Db } from '../db/client';
import { seesAllInboxes } from '../auth/roles';

/** The members of every team the user (`?`) leads, themself included when in such a team. */
export const AGENTS_LED_SQL = `SELECT DISTINCT m.user_id AS id FROM team_members l JOIN team_members m ON m.team_id = l.team_id
  WHERE l.user_id = ? AND l.role = 'lead' ORDER BY m.user_id`;

/**
 * Whose figures a user may see: supervisors and admins everyone ('all'); a lead themself and the
 * members of every team they lead; anyone else only themself. The wallboard and reports use the
 * same teams (metrics/metrics-scope.ts).
 */
export function visibleAgentIds(db: Db, user: { id: number; role: string }): number[] | 'all' {
  if (seesAllInboxes(user.role as Role)) return 'all';
  if (user.role !== 'lead') return [user.id];
  const led = db.$client.prepare<[number], { id: number }>(AGENTS_LED_SQL).all(user.id).map((r) => r.id);
  return [...new Set([user.id, ...led])].sort((a, b) => a - b);
}
