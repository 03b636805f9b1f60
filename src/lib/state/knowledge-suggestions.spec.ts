import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KnowledgeEntry } from '$lib/shared/schemas/knowledge';
import { KnowledgeSuggestions, slashQueryAt } from './knowledge-suggestions.svelte';

const entry = (id: number, shortcut: string, body: string): KnowledgeEntry => ({
  id, kind: 'response', title: `Entry ${id}`, body, tags: [], language: 'en', shortcut, inboxIds: [], createdBy: 1, updatedBy: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
});
const entries = [entry(1, 'refund', 'Hi {{contact.first_name}}, your refund is on its way.'), entry(2, 'ref-code', 'Your code is {{order.code}}.')];
const key = (k: string) => ({ key: k, isComposing: false, preventDefault: () => {} });
const context = () => ({ contact: { name: 'Zofia Łukasik', email: null }, agent: { name: 'Anna Nowak' } });

describe('slashQueryAt', () => {
  it('finds a `/query` at the start of a line or after a space, not inside a word or a link', () => {
    expect(slashQueryAt('/ref', 4)).toEqual({ query: 'ref', start: 0 });
    expect(slashQueryAt('Hello\n/zwrot pien', 17)).toEqual({ query: 'zwrot pien', start: 6 });
    expect(slashQueryAt('see /', 5)).toEqual({ query: '', start: 4 });
    expect(slashQueryAt('and/or', 6)).toBeNull();
    expect(slashQueryAt('https://example.com/ref', 23)).toBeNull();
    expect(slashQueryAt('/one two three four five six', 28)).toBeNull();
    expect(slashQueryAt('/ref\n', 5)).toBeNull();
  });
});

describe('KnowledgeSuggestions', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('searches once the typing pauses, and shows only the answer to the latest query', async () => {
    const asked: string[] = [];
    let release: (items: KnowledgeEntry[]) => void = () => {};
    const s = new KnowledgeSuggestions(context, (q) => {
      asked.push(q);
      return q === 'r' ? new Promise((resolve) => (release = resolve)) : Promise.resolve(entries);
    });
    s.update('/r', 2);
    await vi.advanceTimersByTimeAsync(200);
    s.update('/re', 3);
    s.update('/ref', 4);
    await vi.advanceTimersByTimeAsync(200);
    expect(asked).toEqual(['r', 'ref']);
    expect(s.items.map((e) => e.id)).toEqual([1, 2]);
    release([entry(9, 'old', 'stale')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.items.map((e) => e.id)).toEqual([1, 2]);
  });

  it('inserts the filled body in place of the typed query on Enter, and flags what it could not fill', async () => {
    const s = new KnowledgeSuggestions(context, async () => entries);
    const text = 'Thanks!\n/ref';
    s.update(text, text.length);
    await vi.advanceTimersByTimeAsync(200);
    let picked = { text: '', caret: 0 };
    expect(s.keydown(key('Enter'), text, (p) => (picked = p))).toBe(true);
    expect(picked).toEqual({ text: 'Thanks!\nHi Zofia, your refund is on its way.', caret: 44 });
    expect(s.open).toBe(false);
    expect(s.flagged).toEqual([]);

    s.update('/ref', 4);
    await vi.advanceTimersByTimeAsync(200);
    expect(s.keydown(key('ArrowDown'), '/ref', () => {})).toBe(true);
    expect(s.keydown(key('Tab'), '/ref', (p) => (picked = p))).toBe(true);
    expect(picked.text).toBe('Your code is {{order.code}}.');
    expect(s.flagged).toEqual(['{{order.code}}']);
    expect(s.unresolvedIn('Your code is {{order.code}}. More')).toEqual(['{{order.code}}']);
    expect(s.unresolvedIn('Your code is X7.')).toEqual([]);
  });

  it('closes on Escape and leaves other keys and a failed search alone', async () => {
    const s = new KnowledgeSuggestions(context, async (q) => {
      if (q === 'boom') throw new Error('offline');
      return entries;
    });
    s.update('/ref', 4);
    await vi.advanceTimersByTimeAsync(200);
    expect(s.keydown(key('a'), '/ref', () => {})).toBe(false);
    expect(s.keydown(key('Escape'), '/ref', () => {})).toBe(true);
    expect(s.open).toBe(false);
    s.update('/boom', 5);
    await vi.advanceTimersByTimeAsync(200);
    expect(s.open).toBe(false);
    expect(s.keydown(key('Enter'), '/boom', () => {})).toBe(false);
  });
});
