import { describe, expect, it } from 'vitest';
import { detectBounce, isAutoSubmitted } from './mail-flags';

const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;

describe('machine mail', () => {
  it('flags Auto-Submitted other than no, bulk/list/junk precedence, X-Loop and mailer daemons', () => {
    expect(isAutoSubmitted(headers({ 'auto-submitted': 'auto-replied' }), 'a@b.test')).toBe(true);
    expect(isAutoSubmitted(headers({ 'auto-submitted': 'auto-generated' }), 'a@b.test')).toBe(true);
    expect(isAutoSubmitted(headers({ 'auto-submitted': 'no' }), 'a@b.test')).toBe(false);
    expect(isAutoSubmitted(headers({ precedence: 'bulk' }), 'a@b.test')).toBe(true);
    expect(isAutoSubmitted(headers({ precedence: 'List' }), 'a@b.test')).toBe(true);
    expect(isAutoSubmitted(headers({ precedence: 'first-class' }), 'a@b.test')).toBe(false);
    expect(isAutoSubmitted(headers({ 'x-loop': 'x@y' }), 'a@b.test')).toBe(true);
    expect(isAutoSubmitted(headers({}), 'MAILER-DAEMON@mx.b.test')).toBe(true);
    expect(isAutoSubmitted(headers({}), 'zofia@b.test')).toBe(false);
  });
});

describe('bounces', () => {
  const report = 'multipart/report; report-type=delivery-status; boundary=x';

  it('reads the failed message id and the diagnostic from a delivery status report', () => {
    const raw = 'Status: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\r\nMessage-ID: <sb-7-ab@acme.test>\r\n';
    const bounce = detectBounce({ contentType: report, fromAddress: 'mailer-daemon@mx.test', raw, inReplyTo: null, text: '' });
    expect(bounce).toEqual({ failed: true, originalIds: ['<sb-7-ab@acme.test>'], reason: 'bounced: 550 5.1.1 User unknown (status 5.1.1)' });
  });

  it('does not count a delay report as a failure, and ignores ordinary mail', () => {
    expect(detectBounce({ contentType: report, fromAddress: 'postmaster@mx.test', raw: 'Action: delayed\r\nStatus: 4.4.7\r\n', inReplyTo: null, text: '' })?.failed).toBe(false);
    expect(detectBounce({ contentType: 'text/plain', fromAddress: 'zofia@b.test', raw: 'Message-ID: <a@b>', inReplyTo: '<sb-1@x>', text: 'hi' })).toBeNull();
  });

  it('treats a daemon’s plain-text bounce naming our message in In-Reply-To as a failure with its text', () => {
    const bounce = detectBounce({ contentType: 'text/plain', fromAddress: 'MAILER-DAEMON@mx.test', raw: 'x', inReplyTo: '<sb-2-cd@acme.test>', text: 'Mailbox full\nmore' });
    expect(bounce).toMatchObject({ failed: true, originalIds: ['<sb-2-cd@acme.test>'], reason: 'bounced: Mailbox full more' });
  });
});
