import { describe, expect, it } from 'vitest';
import { handleOf, mentionedHandles, mentionQueryAt } from './mentions';

describe('mentions', () => {
  it('finds handles at the start, after spaces and punctuation, once each and lower-cased', () => {
    expect(mentionedHandles('@anna.nowak can you check? cc (@Mikko.Virtanen), thanks @anna.nowak.')).toEqual(['anna.nowak', 'mikko.virtanen']);
  });

  it('does not take an email address or a trailing full stop for a mention', () => {
    expect(mentionedHandles('write to support@acme.com or ask @lars.')).toEqual(['lars']);
    expect(mentionedHandles('no one here: a@b, @ alone, @@')).toEqual([]);
  });

  it('reads letters beyond ASCII in handles', () => {
    expect(mentionedHandles('pinging @łukasz.żak')).toEqual(['łukasz.żak']);
  });

  it('derives the handle from the local part of an email', () => {
    expect(handleOf('Anna.Nowak@demo.switchboard')).toBe('anna.nowak');
    expect(handleOf('admin@localhost')).toBe('admin');
  });

  it('tells the mention being typed before the caret', () => {
    expect(mentionQueryAt('thanks @an', 10)).toEqual({ query: 'an', start: 7 });
    expect(mentionQueryAt('@', 1)).toEqual({ query: '', start: 0 });
    expect(mentionQueryAt('mail me@home', 12)).toBeNull();
    expect(mentionQueryAt('@anna done', 10)).toBeNull();
  });
});
