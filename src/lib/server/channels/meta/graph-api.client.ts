import { z } from 'zod';
import type { DeliveryOutcome } from '../channel-adapter';
import { outcomeOfResponse, sendJson } from '../http-delivery';
import type { MetaConfig } from './meta-settings';

/** The Graph API's error answer. */
const GraphError = z.object({
  error: z.object({
    message: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    is_transient: z.boolean().optional(),
  }),
});

/**
 * Error codes that mean "later": throttling (4, 17, 32, 613, 80007; WhatsApp 130429 and the
 * per-recipient 131056) and temporary trouble (1, 2; WhatsApp 133004). Meta answers most of
 * them with HTTP 400, so the status alone would give up on a message that would pass later.
 */
const TRY_LATER = new Set([1, 2, 4, 17, 32, 613, 80007, 130429, 131056, 133004]);

export const graphUrl = (config: MetaConfig, path: string) => `${config.graphApiBaseUrl}/${config.graphApiVersion}/${path}`;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * POSTs a send request with the access token. On success the outcome carries the message id
 * that `idOf` finds in the answer: delivery statuses later name our message by it.
 */
export async function graphPost(config: MetaConfig, path: string, payload: unknown, idOf: (answer: unknown) => string | null): Promise<DeliveryOutcome> {
  const sent = await sendJson(graphUrl(config, path), JSON.stringify(payload), { authorization: `Bearer ${config.accessToken}` });
  if (!sent.answered) return sent.outcome;
  const answer = parseJson(sent.text);
  if (!sent.res.ok) return graphFailure(sent.res, sent.text, answer);
  const externalId = idOf(answer);
  // Sent all the same: failing it now would make the queue send it twice.
  if (!externalId) console.warn(`[meta] ${path}: no message id in the answer; delivery statuses cannot be matched`);
  return { ok: true, externalId };
}

/** The HTTP view (429 and 5xx retried, Retry-After honoured) refined by Meta's own error codes. */
export function graphFailure(res: Response, text: string, answer: unknown): DeliveryOutcome {
  const outcome = outcomeOfResponse(res, text);
  const parsed = GraphError.safeParse(answer);
  if (outcome.ok || !parsed.success) return outcome;
  const e = parsed.data.error;
  const retry = outcome.retry || e.is_transient === true || (e.code !== undefined && TRY_LATER.has(e.code));
  const code = [e.code, e.error_subcode].filter((c) => c !== undefined).join('/');
  return { ...outcome, retry, error: `Graph API error${code ? ` ${code}` : ''} (HTTP ${res.status}): ${e.message ?? 'no message'}` };
}
