/**
 * Randomness and templating for the demo plan. The generator is seeded rather than Math.random,
 * so the same seed always gives the same demo workspace.
 */

/**
 * Fills a template: `{writer female|male}` and `[reader female|male]` pick a grammatical form,
 * `{name}` inserts a value. An unknown value is a bug in the demo text and throws.
 */
export function render(template: string, vars: Record<string, string>, writerFemale: boolean, readerFemale: boolean): string {
  return template
    .replace(/\{([^{}|]*)\|([^{}|]*)\}/g, (_, f: string, m: string) => (writerFemale ? f : m))
    .replace(/\[([^[\]|]*)\|([^[\]|]*)\]/g, (_, f: string, m: string) => (readerFemale ? f : m))
    .replace(/\{(\w+)\}/g, (_, key: string) => {
      const value = vars[key];
      if (value === undefined) throw new Error(`demo text uses an unknown value {${key}}`);
      return value;
    });
}

/** A small seeded PRNG (mulberry32) with the helpers the plan needs. */
export class Dice {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** Spread evenly on a log scale: minutes as likely as hours within a wide range. */
  logBetween(min: number, max: number): number {
    return Math.exp(this.between(Math.log(min), Math.log(max)));
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  digits(n: number): string {
    let s = String(this.int(1, 9));
    while (s.length < n) s += String(this.int(0, 9));
    return s;
  }

  hex(n: number): string {
    let s = '';
    while (s.length < n) s += this.int(0, 15).toString(16);
    return s;
  }

  weightedIndex(weights: readonly number[]): number {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  weighted<K extends string>(weights: Record<K, number>): K {
    const keys = Object.keys(weights) as K[];
    return keys[this.weightedIndex(keys.map((k) => weights[k]))];
  }
}
