import { describe, expect, it } from 'vitest';
import { guessLanguage } from './language-guess';

describe('guessLanguage', () => {
  it('recognises each of the four languages from a typical customer message', () => {
    expect(guessLanguage(['Dzień dobry, nie dostałam jeszcze mojego zamówienia. Pozdrawiam'])).toBe('pl');
    expect(guessLanguage(['Hei, tilaukseni ei ole vielä tullut. Voitteko tarkistaa? Kiitos'])).toBe('fi');
    expect(guessLanguage(['Hej, jeg har ikke modtaget min ordre endnu. Venlig hilsen Søren'])).toBe('da');
    expect(guessLanguage(['Hello, my order has not arrived yet. Could you check it please?'])).toBe('en');
  });

  it('makes no guess from too little text or from nothing', () => {
    expect(guessLanguage(['ok'])).toBeNull();
    expect(guessLanguage(['12345'])).toBeNull();
    expect(guessLanguage([])).toBeNull();
  });
});
