import { fakeHttpApi, type FakeAnswer } from './fake-http-api';

let sent = 0;

/**
 * A stand-in for the Graph API send endpoints: `/{version}/me/messages` (Messenger, Instagram)
 * answers `{recipient_id, message_id}`, `/{version}/{phone-number-id}/messages` (WhatsApp)
 * answers `{messaging_product, contacts, messages:[{id}]}`; no bearer token answers 401 as Meta
 * does, with a Graph error body.
 */
export function fakeGraphApi() {
  return fakeHttpApi((req) => {
    if (!/^Bearer \S+$/.test(req.headers.authorization ?? '')) return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    const body = JSON.parse(req.body || '{}');
    if (req.method === 'POST' && /^\/v\d+\.\d+\/me\/messages$/.test(req.path)) {
      return { status: 200, body: { recipient_id: body.recipient?.id, message_id: `m_fake${++sent}` } };
    }
    if (req.method === 'POST' && /^\/v\d+\.\d+\/\d+\/messages$/.test(req.path)) {
      return { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: `wamid.FAKE${++sent}` }] } };
    }
    return graphError(400, 2500, 'Unknown path components');
  });
}

export function graphError(status: number, code: number, message: string, extra: Partial<FakeAnswer> = {}): FakeAnswer {
  return { status, body: { error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf123' } }, ...extra };
}

/** Meta's application-level throttling, with a Retry-After header. */
export const graphRateLimited = (retryAfterSeconds: number) =>
  graphError(429, 4, '(#4) Application request limit reached', { headers: { 'retry-after': String(retryAfterSeconds) } });
