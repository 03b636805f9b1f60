/**
 * Which policy governs a conversation, and a policy's business calendar.
 *
 * Precedence, most specific first: a policy naming the conversation's inbox beats one for every
 * inbox; then one naming its priority beats one for every priority; among equals the oldest
 * (lowest id) wins, so adding a policy never silently takes over from an equally specific one.
 */
import type { Priority } from '$lib/shared/schemas/common';
import { minutesOf, weekdays } from '$lib/shared/schemas/sla';
import type { BusinessCalendar } from './business-time';
import type { StoredBusinessHours } from '../db/schema';

export interface MatchablePolicy {
  id: number;
  inboxIds: number[];
  priorities: Priority[];
  enabled: boolean;
}

const specificity = (p: MatchablePolicy) => (p.inboxIds.length ? 2 : 0) + (p.priorities.length ? 1 : 0);

export function matchPolicy<P extends MatchablePolicy>(policies: readonly P[], inboxId: number, priority: Priority): P | null {
  let best: P | null = null;
  for (const p of policies) {
    if (!p.enabled) continue;
    if (p.inboxIds.length && !p.inboxIds.includes(inboxId)) continue;
    if (p.priorities.length && !p.priorities.includes(priority)) continue;
    if (!best || specificity(p) > specificity(best) || (specificity(p) === specificity(best) && p.id < best.id)) best = p;
  }
  return best;
}

export function calendarOf(hours: StoredBusinessHours | null, holidays: readonly string[]): BusinessCalendar | null {
  if (!hours) return null;
  return {
    timeZone: hours.timeZone,
    week: weekdays.map((d) =>
      [...(hours.days[d] ?? [])].map((i) => [minutesOf(i.start), minutesOf(i.end)] as const).sort((a, b) => a[0] - b[0]),
    ),
    holidays: new Set(holidays),
  };
}
