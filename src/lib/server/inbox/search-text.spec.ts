import { describe, expect, it } from 'vitest';
import { foldText, ftsQuery, previewOf } from './search-text';

describe('search text folding', () => {
  it('folds the letters that unicode61 leaves alone, as agents type without them', () => {
    expect(foldText('Dotarło Søren Æblegård Straße')).toBe('Dotarlo Soren AEblegard Strasse');
    expect(foldText('Zamówienie Päivi ąćęńśźż')).toBe('Zamowienie Paivi acenszz');
  });

  it('builds a prefix query that requires every word and cannot be escaped', () => {
    expect(ftsQuery('zamow dotarło')).toBe('"zamow"* AND "dotarlo"*');
    expect(ftsQuery('a"b OR c')).toBe('"a"* AND "b"* AND "or"* AND "c"*');
    expect(ftsQuery('  ***  ')).toBeNull();
  });

  it('keeps previews to one short line', () => {
    expect(previewOf('line one\n\nline   two')).toBe('line one line two');
    expect(previewOf('x'.repeat(200))).toHaveLength(140);
  });
});
