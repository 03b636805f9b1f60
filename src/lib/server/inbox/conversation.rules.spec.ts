import { describe, expect, it } from 'vitest';
import { changeStatus, continuable, statusOnIncoming } from './conversation.rules';

const now = Date.parse('2026-11-22T10:00:00Z');

describe('conversation status rules', () => {
  it('resolving stamps the resolution time and keeps it when resolved again', () => {
    expect(changeStatus({ status: 'open', resolvedAt: null }, 'resolved', undefined, now)).toEqual({ status: 'resolved', snoozedUntil: null, resolvedAt: now });
    expect(changeStatus({ status: 'resolved', resolvedAt: 5 }, 'resolved', undefined, now).resolvedAt).toBe(5);
  });

  it('reopening clears the resolution time', () => {
    expect(changeStatus({ status: 'resolved', resolvedAt: 5 }, 'open', undefined, now)).toEqual({ status: 'open', snoozedUntil: null, resolvedAt: null });
  });

  it('snoozing needs a time in the future', () => {
    expect(() => changeStatus({ status: 'open', resolvedAt: null }, 'snoozed', undefined, now)).toThrow(/snoozedUntil/);
    expect(() => changeStatus({ status: 'open', resolvedAt: null }, 'snoozed', now - 1, now)).toThrow(/future/);
    expect(changeStatus({ status: 'open', resolvedAt: null }, 'snoozed', now + 60_000, now)).toMatchObject({ status: 'snoozed', snoozedUntil: now + 60_000 });
  });

  it('a snooze time without the snoozed status is refused', () => {
    expect(() => changeStatus({ status: 'open', resolvedAt: null }, 'pending', now + 1000, now)).toThrow(/only with status snoozed/);
  });

  it('a customer writing again wakes pending and snoozed conversations but not resolved ones', () => {
    expect(statusOnIncoming('pending')).toBe('open');
    expect(statusOnIncoming('snoozed')).toBe('open');
    expect(statusOnIncoming('open')).toBe('open');
    expect(continuable('resolved')).toBe(false);
    expect(continuable('snoozed')).toBe(true);
  });
});
