import { describe, expect, it } from 'vitest';
import type { UserSummary } from '$lib/shared/schemas/user';
import { MentionSuggestions } from './mention-suggestions.svelte';

const user = (id: number, name: string, email: string, disabled = false): UserSummary => ({ id, name, email, role: 'agent', presence: 'online', disabled, capacity: 10 });
const team = [user(1, 'Anna Nowak', 'anna.nowak@acme.pl'), user(2, 'Łukasz Żak', 'lukasz.zak@acme.pl'), user(3, 'Mikko Virtanen', 'mikko@acme.fi'), user(4, 'Anders Holm', 'anders@acme.dk', true)];
const key = (k: string) => ({ key: k, isComposing: false, preventDefault: () => {} });

describe('MentionSuggestions', () => {
  it('suggests active teammates by any word of the name or by handle, accents ignored', () => {
    const s = new MentionSuggestions(() => team);
    s.update('ask @an', 7);
    expect(s.items.map((u) => u.id)).toEqual([1]);
    s.update('ask @za', 7);
    expect(s.items.map((u) => u.id)).toEqual([2]);
    s.update('ask @', 5);
    expect(s.items.map((u) => u.id)).toEqual([1, 2, 3]);
    s.update('mail me@home', 12);
    expect(s.open).toBe(false);
  });

  it('replaces the typed query with the chosen handle and puts the caret after it', () => {
    const s = new MentionSuggestions(() => team);
    const text = 'please @mik check this';
    s.update(text, 11);
    expect(s.pick(text, s.items[0])).toEqual({ text: 'please @mikko check this', caret: 14 });
    expect(s.open).toBe(false);
  });

  it('moves through the list with the arrows and inserts on Enter, leaving other keys alone', () => {
    const s = new MentionSuggestions(() => team);
    let picked = '';
    s.update('@', 1);
    expect(s.keydown(key('ArrowDown'), '@', () => {})).toBe(true);
    expect(s.keydown(key('ArrowUp'), '@', () => {})).toBe(true);
    expect(s.keydown(key('ArrowUp'), '@', () => {})).toBe(true);
    expect(s.active).toBe(2);
    expect(s.keydown(key('a'), '@', () => {})).toBe(false);
    expect(s.keydown(key('Enter'), '@', (p) => (picked = p.text))).toBe(true);
    expect(picked).toBe('@mikko ');
    expect(s.keydown(key('Enter'), '@', () => {})).toBe(false);
  });
});
