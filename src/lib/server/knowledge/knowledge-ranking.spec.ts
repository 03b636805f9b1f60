import { describe, expect, it } from 'vitest';
import type { Locale } from '$lib/shared/schemas/common';
import { matchTier, rankEntries, searchColumns } from './knowledge-ranking';

const entry = (title: string, shortcut: string | null, language: Locale | null, score = 0) => ({ title, shortcut, language, score });

describe('knowledge ranking', () => {
  it('puts a shortcut match before a title match before a body match, whatever the full-text score', () => {
    const body = entry('Damaged parcel', null, 'en', -9);
    const title = entry('Refund for a returned item', null, 'en', -5);
    const shortcut = entry('Money back', 'refund', 'en', -1);
    expect(rankEntries([body, title, shortcut], 'ref', 'en')).toEqual([shortcut, title, body]);
  });

  it('puts the shortest matching shortcut first, as it is nearest to what was typed', () => {
    const partial = entry('Partial refund', 'refund-partial', 'en', -8);
    const refund = entry('Refund issued', 'refund', 'en', -2);
    expect(rankEntries([partial, refund], 'ref', 'en')).toEqual([refund, partial]);
  });

  it('prefers the customer’s language, then entries for any language, within one tier', () => {
    const en = entry('Refund', 'refund', 'en');
    const any = entry('Refund (all)', 'refund-all', null);
    const pl = entry('Zwrot pieniędzy', 'refund', 'pl');
    expect(rankEntries([en, any, pl], 'refund', 'pl')).toEqual([pl, any, en]);
    expect(rankEntries([en, any, pl], '', 'en').map((e) => e.title)).toEqual(['Refund', 'Refund (all)', 'Zwrot pieniędzy']);
  });

  it('matches titles by word prefixes with accents and Polish, Danish letters folded', () => {
    expect(matchTier(entry('Zwrot pieniędzy za zamówienie', null, 'pl'), 'zamow pien')).toBe(1);
    expect(matchTier(entry('Levering og fragt til Ærø', null, 'da'), 'aero')).toBe(1);
    expect(matchTier(entry('Łatwy zwrot', null, 'pl'), 'latwy')).toBe(1);
    expect(matchTier(entry('Toimitusajat', null, 'fi'), 'tilaus')).toBe(2);
  });

  it('matches multi-word shortcuts typed with spaces or dashes', () => {
    expect(matchTier(entry('Where is my order', 'order-status', 'en'), 'order s')).toBe(0);
    expect(matchTier(entry('Where is my order', 'order-status', 'en'), 'order-st')).toBe(0);
    expect(matchTier(entry('Where is my order', 'order-status', 'en'), 'status')).toBe(2);
  });

  it('folds what it writes to the index', () => {
    expect(searchColumns({ shortcut: 'päivä', title: 'Øl og æbler', body: 'Żółć', tags: ['łódź', 'zwrot'] })).toEqual({
      shortcut: 'paiva',
      title: 'Ol og aebler',
      body: 'Zolc',
      tags: 'lodz zwrot',
    });
  });
});
