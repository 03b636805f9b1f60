import { asc, eq, isNull } from 'drizzle-orm';
import type { AgentLoad } from '$lib/shared/schemas/floor';
import type { Db } from '../db/client';
import { inboxes, users } from '../db/schema';
import { notFound } from '../errors';
import type { EventLog } from '../events/event-log';
import type { AuthContext } from '../auth/auth-context';
import type { AutoAssigner } from './auto-assign';
import { visibleAgentIds } from './team-scope';

/** Agents' capacities and loads, and the inbox switch that turns auto-assignment on. */
export class CapacityService {
  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly assigner: AutoAssigner,
  ) {}

  setCapacity(userId: number, capacity: number): AgentLoad {
    const row = this.db.update(users).set({ capacity }).where(eq(users.id, userId)).returning().get();
    if (!row) throw notFound('user');
    return { userId: row.id, name: row.name, open: this.assigner.openCount(row.id), capacity: row.capacity };
  }

  /** Loads the caller may see: their own; a lead's teams too; everyone for supervisors and admins. */
  loads(auth: AuthContext): AgentLoad[] {
    const scope = visibleAgentIds(this.db, auth.user);
    return this.db
      .select({ id: users.id, name: users.name, capacity: users.capacity })
      .from(users)
      .where(isNull(users.disabledAt))
      .orderBy(asc(users.name))
      .all()
      .filter((u) => scope === 'all' || scope.includes(u.id))
      .map((u) => ({ userId: u.id, name: u.name, open: this.assigner.openCount(u.id), capacity: u.capacity }));
  }

  setAutoAssign(inboxId: number, enabled: boolean): { inboxId: number; autoAssign: boolean } {
    return this.log.transact((events) => {
      const row = this.db.update(inboxes).set({ autoAssign: enabled }).where(eq(inboxes.id, inboxId)).returning({ id: inboxes.id }).get();
      if (!row) throw notFound('inbox');
      events.record('inbox.updated', { inboxId }, { inboxId });
      return { inboxId, autoAssign: enabled };
    });
  }
}
