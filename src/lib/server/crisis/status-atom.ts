import { createHash } from 'node:crypto';
import type { StatusDocument } from '$lib/shared/schemas/status';
import type { StatusWords } from './status-words';

/** Feed readers need no more than the recent story; older updates stay on the page's history. */
const MAX_ENTRIES = 100;

/**
 * Text for XML content and attribute values: the five special characters escaped, and the
 * characters XML 1.0 does not allow at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF)
 * dropped, so no incident text can make the feed unparsable.
 */
export function xmlText(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A name-based (version 5) UUID: the same name always gives the same id. */
export function uuidV5(name: string, namespace = '6ba7b811-9dad-11d1-80b4-00c04fd430c8' /* URL namespace */): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** RFC 4151 wants a DNS name (or an email address) as the tagging authority. */
function tagAuthority(publicUrl: string): string {
  const host = new URL(publicUrl).hostname.toLowerCase();
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host) ? host : 'localhost';
}

/**
 * One incident update's entry id: `tag:<host>,<day of the update>:switchboard/incident/<id>/update/<id>`.
 * It depends only on stored facts that never change, so readers never see an entry twice.
 */
export function entryId(publicUrl: string, incidentId: number, updateId: number, createdAt: string): string {
  return `tag:${tagAuthority(publicUrl)},${createdAt.slice(0, 10)}:switchboard/incident/${incidentId}/update/${updateId}`;
}

const el = (name: string, text: string, attrs = '') => `<${name}${attrs}>${xmlText(text)}</${name}>`;

/**
 * The status page as an Atom 1.0 feed (RFC 4287): one entry per incident update, newest first,
 * plain-text titles and content, each linking to its incident on the status page.
 */
export function statusAtom(doc: StatusDocument, publicUrl: string, t: StatusWords): string {
  const lang = `?lang=${t.locale}`;
  const page = `${publicUrl}/status${lang}`;
  const self = `${publicUrl}/status/feed.atom${lang}`;
  const entries = doc.incidents
    .flatMap((incident) => incident.updates.map((update) => ({ incident, update })))
    .sort((a, b) => b.update.createdAt.localeCompare(a.update.createdAt) || b.update.id - a.update.id)
    .slice(0, MAX_ENTRIES);
  const updated = entries[0]?.update.createdAt ?? doc.page.updatedAt;

  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${t.locale}">`,
    `  ${el('id', `urn:uuid:${uuidV5(self)}`)}`,
    `  ${el('title', t.title, ' type="text"')}`,
    `  ${el('subtitle', t.overall[doc.status.indicator], ' type="text"')}`,
    `  ${el('updated', updated)}`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(page)}"/>`,
    `  <author>${el('name', t.title)}${el('uri', page)}</author>`,
    `  ${el('generator', 'Switchboard')}`,
  ];
  for (const { incident, update } of entries) {
    const link = `${page}#incident-${incident.id}`;
    lines.push(
      '  <entry>',
      `    ${el('id', entryId(publicUrl, incident.id, update.id, update.createdAt))}`,
      `    ${el('title', t.entryTitle(update.status, incident.title), ' type="text"')}`,
      `    ${el('updated', update.createdAt)}`,
      `    ${el('published', update.createdAt)}`,
      `    <link rel="alternate" type="text/html" href="${xmlText(link)}"/>`,
      `    <category term="${xmlText(incident.severity)}" label="${xmlText(t.severity[incident.severity])}"/>`,
      `    ${el('content', update.message, ' type="text"')}`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
