/**
 * How long a conversation took to get its first reply and to be resolved. When an SLA policy
 * with business hours governs the conversation, only business time counts (a question sent on
 * Friday evening and answered on Monday at 09:10 took ten minutes), the same clock the SLA
 * targets use; otherwise every minute counts.
 */
import { businessTimeBetween, type BusinessCalendar } from './business-time';
import type { LoadedPolicy } from './sla-policy.service';

export interface TimedConversation {
  createdAt: number;
  firstReplyAt: number | null;
  resolvedAt: number | null;
  policyId: number | null;
}

export type CalendarLookup = (policyId: number | null) => BusinessCalendar | null;

export function calendarLookup(policies: readonly LoadedPolicy[]): CalendarLookup {
  const byId = new Map(policies.map((p) => [p.id, p.clock.calendar]));
  return (id) => (id === null ? null : (byId.get(id) ?? null));
}

export const firstResponseMs = (c: TimedConversation, calendar: CalendarLookup): number | null =>
  c.firstReplyAt === null ? null : businessTimeBetween(c.createdAt, c.firstReplyAt, calendar(c.policyId));

export const resolutionMs = (c: TimedConversation, calendar: CalendarLookup): number | null =>
  c.resolvedAt === null ? null : businessTimeBetween(c.createdAt, c.resolvedAt, calendar(c.policyId));

/** A target's outcome as the SLA clock recorded it: null when the conversation had no such target. */
export function targetOutcome(t: { dueAt: number | null; breachedAt: number | null }): 'met' | 'breached' | null {
  if (t.dueAt === null) return null;
  return t.breachedAt === null ? 'met' : 'breached';
}

/** Share (0-1) of targets met, or null when none applied. */
export function attainment(outcomes: readonly ('met' | 'breached' | null)[]): { met: number; breached: number; rate: number | null } {
  const met = outcomes.filter((o) => o === 'met').length;
  const breached = outcomes.filter((o) => o === 'breached').length;
  return { met, breached, rate: met + breached ? Math.round((met / (met + breached)) * 1000) / 1000 : null };
}
