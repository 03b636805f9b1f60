import { describe, expect, it } from 'vitest';
import { classifySmtpError } from './smtp-sender';

describe('SMTP send failures', () => {
  it('retries 4xx answers, timeouts and connection errors', () => {
    expect(classifySmtpError({ responseCode: 451, response: '451 4.7.1 Greylisted' })).toEqual({ ok: false, retry: true, error: '451 4.7.1 Greylisted' });
    expect(classifySmtpError({ code: 'ETIMEDOUT', message: 'Connection timeout' })).toMatchObject({ retry: true, error: 'Connection timeout' });
    expect(classifySmtpError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' })).toMatchObject({ retry: true });
  });

  it('fails at once on a 5xx answer with the server’s reason', () => {
    expect(classifySmtpError({ responseCode: 550, response: '550 5.1.1 No such user' })).toEqual({ ok: false, retry: false, error: '550 5.1.1 No such user' });
    expect(classifySmtpError({ responseCode: 535, response: '535 5.7.8 Authentication failed', code: 'EAUTH' })).toMatchObject({ retry: false });
  });
});
