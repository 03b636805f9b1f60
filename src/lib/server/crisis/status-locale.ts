import { Locale, locales } from '$lib/shared/schemas/common';

/**
 * The visitor's language for the public status page: `?lang=` when it names one we have,
 * otherwise the best match of Accept-Language (by q, then order; `pl-PL` counts as `pl`),
 * otherwise English. No cookie: the page is public and cached per URL and Accept-Language.
 */
export function statusLocale(langParam: string | null, acceptLanguage: string | null): Locale {
  const asked = Locale.safeParse(langParam?.trim().toLowerCase());
  if (asked.success) return asked.data;
  const ranges = (acceptLanguage ?? '')
    .split(',')
    .slice(0, 30)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { primary: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.q > 0 && r.primary)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const r of ranges) {
    if ((locales as readonly string[]).includes(r.primary)) return r.primary as Locale;
  }
  return 'en';
}
