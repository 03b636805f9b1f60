import type { ConversationStatus } from '$lib/shared/schemas/common';
import { NO_SLA, type ConversationSla, type SlaState } from '$lib/shared/schemas/sla';

/** The stored clock columns a conversation read selects (see SLA_COLUMNS). */
export interface SlaColumns {
  slaPolicyId: number | null;
  slaPausedAt: number | null;
  slaFirstResponseDueAt: number | null;
  slaFirstResponseWarnAt: number | null;
  slaFirstResponseMetAt: number | null;
  slaFirstResponseBreachedAt: number | null;
  slaResolutionDueAt: number | null;
  slaResolutionWarnAt: number | null;
  slaResolutionMetAt: number | null;
  slaResolutionBreachedAt: number | null;
}

/** Selected with `LEFT JOIN conversation_sla s ON s.conversation_id = c.id`: one primary-key lookup per row. */
export const SLA_COLUMNS = `s.policy_id AS slaPolicyId, s.paused_at AS slaPausedAt,
  s.first_response_due_at AS slaFirstResponseDueAt, s.first_response_warn_at AS slaFirstResponseWarnAt,
  s.first_response_met_at AS slaFirstResponseMetAt, s.first_response_breached_at AS slaFirstResponseBreachedAt,
  s.resolution_due_at AS slaResolutionDueAt, s.resolution_warn_at AS slaResolutionWarnAt,
  s.resolution_met_at AS slaResolutionMetAt, s.resolution_breached_at AS slaResolutionBreachedAt`;

export const SLA_JOIN = 'LEFT JOIN conversation_sla s ON s.conversation_id = c.id';

const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());

/**
 * What consoles show: the running target (first response until the first reply, then
 * resolution), its due and warning times, and the state at `now`.
 */
export function slaSnapshot(row: SlaColumns, status: ConversationStatus, now: number): ConversationSla {
  if (row.slaPolicyId == null) return NO_SLA;
  const fr = { due: row.slaFirstResponseDueAt, warn: row.slaFirstResponseWarnAt, met: row.slaFirstResponseMetAt };
  const res = { due: row.slaResolutionDueAt, warn: row.slaResolutionWarnAt, met: row.slaResolutionMetAt };
  const breached = row.slaFirstResponseBreachedAt != null || row.slaResolutionBreachedAt != null;
  const running = status === 'resolved' ? null : fr.due != null && fr.met == null ? fr : res.due != null && res.met == null ? res : null;
  let state: SlaState;
  if (!running) state = breached ? 'breached' : 'met';
  else if (row.slaPausedAt != null) state = 'paused';
  else if (now >= running.due!) state = 'breached';
  else if (running.warn != null && now >= running.warn) state = 'warning';
  else state = 'ok';
  return {
    policyId: row.slaPolicyId,
    firstResponseDueAt: iso(fr.due),
    resolutionDueAt: iso(res.due),
    dueAt: iso(running?.due ?? null),
    warningAt: iso(running?.warn ?? null),
    state,
  };
}
