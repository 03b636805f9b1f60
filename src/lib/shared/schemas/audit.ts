import { z } from 'zod';

export const auditActions = ['incident.declared', 'incident.edited', 'incident.updated', 'incident.resolved', 'conversation.linked', 'conversation.unlinked'] as const;
export type AuditAction = (typeof auditActions)[number];

export const AuditQuery = z
  .object({
    targetType: z.string().trim().min(1).max(40).optional(),
    targetId: z.coerce.number().int().positive().optional(),
    /** Entries older than this id (the `nextCursor` of the previous page). */
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  })
  .strict()
  .refine((q) => q.targetId === undefined || q.targetType !== undefined, { message: 'targetId needs targetType', path: ['targetId'] });
export type AuditQuery = z.output<typeof AuditQuery>;

/** One audit log entry: who (null: the system) did what to what, with details in `data`. */
export const AuditEntry = z.object({
  id: z.number().int(),
  actor: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.number().int().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;
