import type { PresenceStatus } from '$lib/shared/schemas/common';

export interface Candidate {
  userId: number;
  presence: PresenceStatus;
  /** Open conversations assigned to them now (every inbox). */
  open: number;
  capacity: number;
  /** Turn number of their last auto-assignment in this inbox; 0 if never. */
  lastTurn: number;
}

/** Online and under capacity: away and offline agents, and full ones, are skipped. */
export const available = (c: Candidate) => c.presence === 'online' && c.open < c.capacity;

/**
 * Round robin, fair: of the available agents, the one whose last auto-assignment here is the
 * oldest (never beats any time; equal turns go to the lower id so the order is stable).
 */
export function nextAssignee(candidates: Candidate[]): number | null {
  let best: Candidate | null = null;
  for (const c of candidates) {
    if (!available(c)) continue;
    if (!best || c.lastTurn < best.lastTurn || (c.lastTurn === best.lastTurn && c.userId < best.userId)) best = c;
  }
  return best?.userId ?? null;
}

/** Turns are a counter per inbox: the next one is one past the highest given. */
export function recordTurn(turns: Record<string, number>, userId: number): Record<string, number> {
  const next = Math.max(0, ...Object.values(turns)) + 1;
  return { ...turns, [userId]: next };
}
