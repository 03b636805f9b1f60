import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { StatusDocument } from '$lib/shared/schemas/status';
import { entryId, statusAtom, uuidV5, xmlText } from './status-atom';
import { statusWords } from './status-words';

const URL_ = 'https://support.example.com';

function doc(): StatusDocument {
  return {
    page: { updatedAt: '2026-11-30T12:00:00.000Z' },
    status: { indicator: 'major', description: 'Partial system outage' },
    components: [{ name: 'Payments', status: 'partial_outage' }],
    incidents: [
      {
        id: 7,
        title: 'Card payments <fail> & "retry"',
        severity: 'major',
        status: 'identified',
        startedAt: '2026-11-30T10:00:00.000Z',
        resolvedAt: null,
        updatedAt: '2026-11-30T11:00:00.000Z',
        components: ['Payments'],
        updates: [
          { id: 12, status: 'identified', message: 'A <script>alert(1)</script> bank & partner ]]> issue', createdAt: '2026-11-30T11:00:00.000Z' },
          { id: 11, status: 'investigating', message: 'Płatności kartą nie działają\u0000\u0007.', createdAt: '2026-11-30T10:00:00.000Z' },
        ],
      },
      {
        id: 3,
        title: 'Slow email',
        severity: 'minor',
        status: 'resolved',
        startedAt: '2026-11-20T08:00:00.000Z',
        resolvedAt: '2026-11-20T09:00:00.000Z',
        updatedAt: '2026-11-20T09:00:00.000Z',
        components: [],
        updates: [{ id: 5, status: 'resolved', message: 'Fixed.', createdAt: '2026-11-20T09:00:00.000Z' }],
      },
    ],
  };
}

const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link'].includes(name) }).parse(xml);

describe('the Atom feed of the status page', () => {
  it('is well-formed XML in the Atom namespace with the required feed elements', () => {
    const xml = statusAtom(doc(), URL_, statusWords('en'));
    expect(XMLValidator.validate(xml)).toBe(true);
    const { feed } = parse(xml);
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed['@xml:lang']).toBe('en');
    expect(feed.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(feed.title['#text']).toBe('Service status');
    expect(feed.updated).toBe('2026-11-30T11:00:00.000Z');
    expect(feed.author.name).toBe('Service status');
    expect(feed.link.map((l: Record<string, string>) => [l['@rel'], l['@href']])).toEqual([
      ['self', `${URL_}/status/feed.atom?lang=en`],
      ['alternate', `${URL_}/status?lang=en`],
    ]);
  });

  it('has one entry per incident update, newest first, with stable tag ids and links to the incident', () => {
    const { feed } = parse(statusAtom(doc(), URL_, statusWords('en')));
    expect(feed.entry.map((e: { id: string }) => e.id)).toEqual([
      'tag:support.example.com,2026-11-30:switchboard/incident/7/update/12',
      'tag:support.example.com,2026-11-30:switchboard/incident/7/update/11',
      'tag:support.example.com,2026-11-20:switchboard/incident/3/update/5',
    ]);
    const [first] = feed.entry;
    expect(first.title['#text']).toBe('Identified: Card payments <fail> & "retry"');
    expect(first.updated).toBe('2026-11-30T11:00:00.000Z');
    expect(first.published).toBe('2026-11-30T11:00:00.000Z');
    expect(first.link[0]['@href']).toBe(`${URL_}/status?lang=en#incident-7`);
    expect(first.category['@term']).toBe('major');
    expect(first.content['@type']).toBe('text');
  });

  it('carries customer text as escaped plain text, never as markup, and drops characters XML forbids', () => {
    const xml = statusAtom(doc(), URL_, statusWords('pl'));
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('A &lt;script&gt;alert(1)&lt;/script&gt; bank &amp; partner ]]&gt; issue');
    const { feed } = parse(xml);
    expect(feed.entry[0].content['#text']).toBe('A <script>alert(1)</script> bank & partner ]]> issue');
    expect(feed.entry[1].content['#text']).toBe('Płatności kartą nie działają.');
    expect(feed.entry[1].title['#text']).toBe('Analizujemy problem: Card payments <fail> & "retry"');
    expect(feed['@xml:lang']).toBe('pl');
  });

  it('gives the same ids on every build, and a feed with no incidents is still valid', () => {
    expect(statusAtom(doc(), URL_, statusWords('fi'))).toBe(statusAtom(doc(), URL_, statusWords('fi')));
    const empty = statusAtom({ ...doc(), incidents: [] }, URL_, statusWords('da'));
    expect(XMLValidator.validate(empty)).toBe(true);
    expect(parse(empty).feed.updated).toBe('2026-11-30T12:00:00.000Z');
    expect(parse(empty).feed.entry).toBeUndefined();
  });

  it('builds tag ids from a DNS host only, and name-based UUIDs as RFC 4122 says', () => {
    expect(entryId('http://127.0.0.1:3000', 1, 2, '2026-01-02T00:00:00Z')).toBe('tag:127.0.0.1,2026-01-02:switchboard/incident/1/update/2');
    expect(entryId('http://[::1]:3000', 1, 2, '2026-01-02T00:00:00Z')).toBe('tag:localhost,2026-01-02:switchboard/incident/1/update/2');
    // The RFC 4122 appendix example for the DNS namespace (as published in Python's uuid docs).
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(xmlText(`a'b"c`)).toBe('a&apos;b&quot;c');
  });
});
