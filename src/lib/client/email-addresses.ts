/** Email addresses typed or pasted into the Cc field: split, trimmed, validated like the server does. */
import { z } from 'zod';

const Address = z.email().max(254);

/** Splits "a@x.com, Bob <b@y.org>; c@z.net" into bare addresses (the part in <> when given). */
export function splitAddresses(input: string): string[] {
  return input
    .split(/[,;\n]+/)
    .flatMap((part) => {
      const bracketed = /<([^>]+)>/.exec(part)?.[1];
      return bracketed ? [bracketed] : part.split(/\s+/);
    })
    .map((s) => s.trim().replace(/^mailto:/i, ''))
    .filter(Boolean);
}

export function isEmailAddress(value: string): boolean {
  return Address.safeParse(value).success;
}

export function formatBytes(bytes: number, locale?: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  const digits = u === 0 || n >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n)} ${units[u]}`;
}
