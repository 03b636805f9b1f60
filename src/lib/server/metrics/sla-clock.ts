/**
 * A conversation's SLA clock, as a pure step: given the stored clock, the policy that applies
 * and what the conversation looks like now, the next clock and the breaches to record.
 *
 * The clock counts business time from the conversation's start. It stops while the
 * conversation waits on someone else (snoozed, pending), is resolved, or is linked to an active
 * incident; the business time spent stopped (`pausedMs`) moves every running target later by
 * as much. So a target is due when `target + pausedMs` of business time has passed since the
 * start, which also lets a changed policy be applied from scratch.
 *
 * A target is "met" by the first public reply (first response) or by resolving (resolution);
 * it is breached when its due time comes first, and that is recorded once per kind.
 */
import type { ConversationStatus } from '$lib/shared/schemas/common';
import type { SlaBreachKind } from '$lib/shared/schemas/sla';
import { addBusinessTime, businessTimeBetween, type BusinessCalendar } from './business-time';

const MINUTE = 60_000;
/** Amber when less than this share of a target's business time is left. */
export const WARNING_SHARE = 0.25;

export interface ClockPolicy {
  id: number;
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
  calendar: BusinessCalendar | null;
}

export interface ClockFacts {
  createdAt: number;
  status: ConversationStatus;
  firstReplyAt: number | null;
  resolvedAt: number | null;
  /** Linked to an incident that is not resolved. */
  incidentActive: boolean;
}

export interface TargetClock {
  dueAt: number | null;
  warnAt: number | null;
  metAt: number | null;
  breachedAt: number | null;
}

export interface ClockState {
  policyId: number | null;
  startedAt: number;
  pausedAt: number | null;
  pausedMs: number;
  firstResponse: TargetClock;
  resolution: TargetClock;
}

export interface Breach {
  kind: SlaBreachKind;
  dueAt: number;
}

const EMPTY_TARGET: TargetClock = { dueAt: null, warnAt: null, metAt: null, breachedAt: null };

export const pausesClock = (f: ClockFacts) => f.status === 'snoozed' || f.status === 'pending' || f.status === 'resolved' || f.incidentActive;

/** The earliest of the given instants that exist. */
const earliest = (...xs: (number | null)[]) => Math.min(...xs.filter((x): x is number => x !== null));

export function advanceClock(prev: ClockState | null, policy: ClockPolicy | null, facts: ClockFacts, now: number): { next: ClockState; breaches: Breach[] } {
  const cal = policy?.calendar ?? null;
  const startedAt = prev?.startedAt ?? facts.createdAt;
  let pausedAt = prev?.pausedAt ?? null;
  let pausedMs = prev?.pausedMs ?? 0;
  const stopped = pausesClock(facts);
  if (pausedAt !== null && !stopped) {
    pausedMs += businessTimeBetween(pausedAt, now, cal);
    pausedAt = null;
  } else if (pausedAt === null && stopped) {
    pausedAt = facts.status === 'resolved' && facts.resolvedAt !== null ? Math.min(facts.resolvedAt, now) : now;
  }
  const samePolicy = prev !== null && prev.policyId === (policy?.id ?? null);
  const breaches: Breach[] = [];

  const target = (kind: SlaBreachKind, minutes: number | null, metAt: number | null, before: TargetClock | undefined): TargetClock => {
    if (minutes === null || !policy) return EMPTY_TARGET;
    const kept = samePolicy ? before : undefined;
    // A met first response keeps the due time it was measured against.
    if (kind === 'first_response' && kept?.metAt != null && kept.dueAt !== null && metAt !== null) return { ...kept, metAt };
    const dueAt = addBusinessTime(startedAt, minutes * MINUTE + pausedMs, cal);
    const warnAt = addBusinessTime(startedAt, minutes * MINUTE * (1 - WARNING_SHARE) + pausedMs, cal);
    // A breach is a fact of the past: a later policy change does not undo it.
    let breachedAt = before?.breachedAt ?? null;
    // Running time ended at the reply, at the pause, or goes on until now.
    if (breachedAt === null && dueAt <= earliest(metAt, pausedAt, now)) {
      breachedAt = now;
      breaches.push({ kind, dueAt });
    }
    return { dueAt, warnAt, metAt, breachedAt };
  };

  const next: ClockState = {
    policyId: policy?.id ?? null,
    startedAt,
    pausedAt,
    pausedMs,
    firstResponse: target('first_response', policy?.firstResponseMinutes ?? null, facts.firstReplyAt, prev?.firstResponse),
    resolution: target('resolution', policy?.resolutionMinutes ?? null, facts.status === 'resolved' ? facts.resolvedAt : null, prev?.resolution),
  };
  return { next, breaches };
}
