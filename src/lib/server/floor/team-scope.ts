import { and, eq, inArray } from 'drizzle-orm';
import type { Role } from '$lib/shared/schemas/common';
import type { Db } from '../db/client';
import { teamMembers } from '../db/schema';
import { seesAllInboxes } from '../auth/roles';

/**
 * Whose figures a user may see: supervisors and admins everyone ('all'); a lead themself and the
 * members of every team they lead; anyone else only themself. The wallboard and reports use the
 * same rule.
 */
export function visibleAgentIds(db: Db, user: { id: number; role: string }): number[] | 'all' {
  if (seesAllInboxes(user.role as Role)) return 'all';
  if (user.role !== 'lead') return [user.id];
  const led = db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.userId, user.id), eq(teamMembers.role, 'lead')))
    .all()
    .map((r) => r.teamId);
  const ids = new Set([user.id]);
  if (led.length) {
    for (const r of db.select({ userId: teamMembers.userId }).from(teamMembers).where(inArray(teamMembers.teamId, led)).all()) ids.add(r.userId);
  }
  return [...ids].sort((a, b) => a - b);
}
