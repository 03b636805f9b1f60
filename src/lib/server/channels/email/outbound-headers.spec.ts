import { describe, expect, it } from 'vitest';
import { formatMailbox, fromMailbox, newMessageIdHeader, replySubject, threadHeaders } from './outbound-headers';

describe('outbound email headers', () => {
  it('makes a Message-ID naming our message on the inbox domain, different each time', () => {
    const a = newMessageIdHeader(42, 'support@acme.test');
    expect(a).toMatch(/^<sb-42-[0-9a-f]{12}@acme\.test>$/);
    expect(newMessageIdHeader(42, 'support@acme.test')).not.toBe(a);
  });

  it('prefixes Re: once, whatever prefixes the thread subject already had', () => {
    expect(replySubject('Zamówienie 42')).toBe('Re: Zamówienie 42');
    expect(replySubject('Re: Re: Zamówienie 42')).toBe('Re: Zamówienie 42');
    expect(replySubject('RE: AW: Sv: Odp: Tilaus')).toBe('Re: Tilaus');
    expect(replySubject('Re[2]: Ordre')).toBe('Re: Ordre');
    expect(replySubject('   ')).toBe('Re: your message');
  });

  it('names the agent and the inbox in From, with the inbox address', () => {
    expect(formatMailbox(fromMailbox('Anna Nowak', 'Support', 'support@acme.test'))).toBe('"Anna Nowak via Support" <support@acme.test>');
    expect(formatMailbox(fromMailbox(null, 'Support', 'support@acme.test'))).toBe('"Support" <support@acme.test>');
    expect(fromMailbox('Evil"\r\nBcc: x', 'Support', 'a@b.test').name).not.toMatch(/["\r\n]/);
  });

  it('answers the customer’s latest message and carries its chain in References', () => {
    const thread = [
      { direction: 'incoming', messageIdHeader: '<a@c>', references: [] },
      { direction: 'outgoing', messageIdHeader: '<sb-1@x>', references: ['<a@c>'] },
      { direction: 'incoming', messageIdHeader: '<b@c>', references: ['<a@c>', '<sb-1@x>'] },
      { direction: 'outgoing', messageIdHeader: null, references: [] },
    ];
    expect(threadHeaders(thread)).toEqual({ inReplyTo: '<b@c>', references: ['<a@c>', '<sb-1@x>', '<b@c>'] });
    expect(threadHeaders([])).toEqual({ inReplyTo: null, references: [] });
  });

  it('keeps the root and the latest ids of a very long chain', () => {
    const refs = Array.from({ length: 40 }, (_, i) => `<m${i}@c>`);
    const { references } = threadHeaders([{ direction: 'incoming', messageIdHeader: '<last@c>', references: refs }]);
    expect(references).toHaveLength(20);
    expect(references[0]).toBe('<m0@c>');
    expect(references.at(-1)).toBe('<last@c>');
  });
});
