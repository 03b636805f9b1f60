import { and, desc, eq, lt } from 'drizzle-orm';
import type { AuditAction, AuditPage, AuditQuery } from '$lib/shared/schemas/audit';
import type { Db } from '../db/client';
import { auditLog, users } from '../db/schema';

/** Who did what to what: written in the transaction of the change it records. */
export class AuditService {
  constructor(private readonly db: Db) {}

  record(actorId: number | null, action: AuditAction, target: { type: string; id: number | null }, data: Record<string, unknown> = {}): void {
    this.db.insert(auditLog).values({ actorId, action, targetType: target.type, targetId: target.id, data, createdAt: Date.now() }).run();
  }

  /** Newest first. */
  list(query: AuditQuery): AuditPage {
    const rows = this.db
      .select({ a: auditLog, actorName: users.name })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(
        and(
          query.targetType !== undefined ? eq(auditLog.targetType, query.targetType) : undefined,
          query.targetId !== undefined ? eq(auditLog.targetId, query.targetId) : undefined,
          query.before !== undefined ? lt(auditLog.id, query.before) : undefined,
        ),
      )
      .orderBy(desc(auditLog.id))
      .limit(query.limit + 1)
      .all();
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(({ a, actorName }) => ({
        id: a.id,
        actor: a.actorId !== null ? { id: a.actorId, name: actorName ?? '' } : null,
        action: a.action,
        targetType: a.targetType,
        targetId: a.targetId,
        data: a.data,
        createdAt: new Date(a.createdAt).toISOString(),
      })),
      nextCursor: rows.length > query.limit ? String(page[page.length - 1].a.id) : null,
    };
  }

  /** The incident a user declared with this Idempotency-Key, if any (a repeated declare). */
  declaredWithKey(actorId: number, key: string): number | null {
    const row = this.db.$client
      .prepare<[number, string], { targetId: number }>(
        `SELECT target_id AS targetId FROM audit_log
         WHERE target_type = 'incident' AND action = 'incident.declared' AND actor_id = ? AND json_extract(data, '$.idempotencyKey') = ?
         ORDER BY id LIMIT 1`,
      )
      .get(actorId, key);
    return row?.targetId ?? null;
  }
}
