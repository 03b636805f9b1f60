import type { ConversationStatus } from '$lib/shared/schemas/common';
import { badRequest } from '../errors';

export interface StatusChange {
  status: ConversationStatus;
  snoozedUntil: number | null;
  resolvedAt: number | null;
}

/**
 * The one place that decides what a status change means. Snoozing needs a time in the future;
 * leaving `snoozed` clears it; resolving stamps `resolvedAt`, reopening clears it.
 */
export function changeStatus(
  current: { status: ConversationStatus; resolvedAt: number | null },
  next: ConversationStatus,
  snoozedUntil: number | null | undefined,
  now: number,
): StatusChange {
  if (next === 'snoozed') {
    if (snoozedUntil == null) throw badRequest('snoozing needs snoozedUntil', 'snooze_needs_time');
    if (snoozedUntil <= now) throw badRequest('snoozedUntil must be in the future', 'snooze_in_past');
    return { status: 'snoozed', snoozedUntil, resolvedAt: null };
  }
  if (snoozedUntil != null) throw badRequest('snoozedUntil goes only with status snoozed', 'snooze_needs_status');
  if (next === 'resolved') return { status: 'resolved', snoozedUntil: null, resolvedAt: current.status === 'resolved' ? current.resolvedAt : now };
  return { status: next, snoozedUntil: null, resolvedAt: null };
}

/** A customer writing again wakes a pending or snoozed conversation; a resolved one stays closed (a new one starts). */
export function statusOnIncoming(status: ConversationStatus): ConversationStatus {
  return status === 'pending' || status === 'snoozed' ? 'open' : status;
}

/** Conversations that a new inbound message may continue. */
export const continuable = (status: ConversationStatus) => status !== 'resolved';
