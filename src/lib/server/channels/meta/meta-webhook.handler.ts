import { z } from 'zod';
import type { InboxService } from '../../inbox/inbox.service';
import type { MessageService } from '../../inbox/message.service';
import type { GroupCommit } from '../../events/group-commit';
import { AppError, notFound } from '../../errors';
import { safeEqual } from '../../auth/tokens';
import { channelAdapter } from '../registry';
import { isMetaAdapter } from './meta-adapter.factory';
import { MetaEnvelope } from './meta-events';
import { metaSignatureValid } from './meta-signature';

export interface MetaWebhookDeps {
  inboxes: Pick<InboxService, 'find'>;
  messages: Pick<MessageService, 'ingest' | 'reportDelivery'>;
  groupCommit: Pick<GroupCommit, 'run'>;
}

const MAX_BODY_BYTES = 1_000_000;

const Handshake = z.object({
  'hub.mode': z.literal('subscribe'),
  'hub.verify_token': z.string().max(2000),
  'hub.challenge': z.string().min(1).max(500),
});

function metaInbox(deps: MetaWebhookDeps, inboxId: number) {
  const inbox = deps.inboxes.find(inboxId);
  const adapter = inbox && channelAdapter(inbox.channel);
  if (!inbox || !adapter || !isMetaAdapter(adapter)) throw notFound('Meta inbox');
  return { inbox, adapter, config: adapter.meta.config(inbox.config) };
}

/** Meta's subscription check: it sends the verify token it was given; we echo its challenge. */
export function answerMetaHandshake(deps: MetaWebhookDeps, inboxId: number, query: URLSearchParams): string {
  const { config } = metaInbox(deps, inboxId);
  const q = Handshake.safeParse(Object.fromEntries(query));
  if (!q.success || !safeEqual(q.data['hub.verify_token'], config.verifyToken)) {
    throw new AppError(403, 'verification_failed', 'hub.mode must be subscribe and hub.verify_token this inbox’s verify token');
  }
  return q.data['hub.challenge'];
}

/** The body exactly as sent: the signature covers these bytes, not a re-serialisation. */
async function rawBody(request: Request): Promise<Uint8Array> {
  const tooLarge = () => new AppError(413, 'payload_too_large', `the body is larger than ${MAX_BODY_BYTES} bytes`);
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const raw = new Uint8Array(await request.arrayBuffer());
  if (raw.byteLength > MAX_BODY_BYTES) throw tooLarge();
  return raw;
}

function envelopeOf(raw: Uint8Array): MetaEnvelope {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    throw new AppError(400, 'malformed_json', 'the body is not valid JSON');
  }
  const parsed = MetaEnvelope.safeParse(data);
  if (!parsed.success) throw new AppError(400, 'invalid_request', 'the body is not a Meta webhook (object, entry[])', parsed.error.issues);
  return parsed.data;
}

/**
 * One webhook delivery: signature first (nothing is read or stored without it), then customer
 * messages (deduplicated on the provider's id, so Meta's redeliveries store nothing twice) and
 * delivery statuses of our replies. A storage error answers 500, and Meta delivers again.
 */
export async function receiveMetaWebhook(deps: MetaWebhookDeps, inboxId: number, request: Request) {
  const { inbox, adapter, config } = metaInbox(deps, inboxId);
  const raw = await rawBody(request);
  if (!metaSignatureValid(config.appSecret, raw, request.headers.get('x-hub-signature-256'))) {
    throw new AppError(401, 'invalid_signature', 'X-Hub-Signature-256 is missing or is not the HMAC-SHA256 of this body with the app secret');
  }
  const events = adapter.meta.readEvents(envelopeOf(raw), config);
  if (events.unreadable.length) console.warn(`[meta] inbox ${inbox.id}: skipped ${events.unreadable.join(' | ')}`);
  // Each message and report is its own member of this turn's group transaction (in this order):
  // one that fails fails the delivery, and Meta's redelivery stores only what is missing.
  const [created] = await Promise.all([
    Promise.all(events.messages.map((input) => deps.groupCommit.run(() => deps.messages.ingest(inbox, input).created))),
    Promise.all(events.reports.map(({ externalId, report }) => deps.groupCommit.run(() => deps.messages.reportDelivery(inbox.id, externalId, report)))),
  ]);
  const stored = created.filter(Boolean).length;
  return { stored, duplicates: events.messages.length - stored, statuses: events.reports.length };
}
