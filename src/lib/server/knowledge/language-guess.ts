import type { Locale } from '$lib/shared/schemas/common';

/**
 * A customer's language, guessed from what they wrote, so that answers in it come first. Small
 * on purpose: the four languages the product speaks differ in a few letters and very common
 * words, and a wrong guess only changes the order of suggestions.
 */
const LETTERS: Record<Locale, RegExp> = {
  pl: /[ąćęłńśźż]/giu,
  fi: /[äö]/giu,
  da: /[æøå]/giu,
  en: /(?!)/gu,
};

const WORDS: Record<Locale, Set<string>> = {
  en: new Set('the and is are you your my i have has not order please thanks thank hello hi would could can with this that what when where'.split(' ')),
  pl: new Set('i w nie jest się na że to z do mam moje moja mój dzień dobry dziękuję proszę czy jak gdzie kiedy zamówienie pozdrawiam witam'.split(' ')),
  fi: new Set('ja on ei se että olen minun hei kiitos tilaus tilaukseni voitteko milloin missä miten onko en ole mutta vielä terveisin'.split(' ')),
  da: new Set('og er jeg ikke det en at på har min mit mine hej tak venlig hilsen ordre bestilling hvornår hvor hvordan kan med til'.split(' ')),
};

const LOCALES: Locale[] = ['en', 'pl', 'fi', 'da'];

export function guessLanguage(texts: string[]): Locale | null {
  const text = texts.join('\n').toLowerCase();
  const words = text.split(/[^\p{L}]+/u).filter(Boolean);
  if (!words.length) return null;
  const score = (l: Locale) => words.filter((w) => WORDS[l].has(w)).length + 2 * (text.match(LETTERS[l])?.length ?? 0);
  const ranked = LOCALES.map((l) => [l, score(l)] as const).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  // Too little to tell, or a tie: no preference rather than a coin toss.
  if (best[1] < 2 || best[1] === second[1]) return null;
  return best[0];
}
