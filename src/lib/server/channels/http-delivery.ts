import type { DeliveryOutcome } from './channel-adapter';

/** Turns an HTTP answer into a delivery outcome: retry what may pass later, fail what will not. */
export function outcomeOfResponse(res: Response, bodyText: string): DeliveryOutcome {
  if (res.ok) return { ok: true };
  const retryAfter = Number(res.headers.get('retry-after'));
  const retry = res.status >= 500 || res.status === 408 || res.status === 429;
  const detail = bodyText.trim().slice(0, 200);
  return {
    ok: false,
    retry,
    error: `HTTP ${res.status} ${res.statusText}${detail ? `: ${detail}` : ''}`,
    retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
  };
}

/** An HTTP answer read in full, or the outcome of not getting one (retryable). */
export type JsonPostResult = { answered: true; res: Response; text: string } | { answered: false; outcome: Extract<DeliveryOutcome, { ok: false }> };

/**
 * POSTs a JSON body and reads the answer, for channels that need more of it than the status
 * (the provider's message id, its own error format). Never throws.
 */
export async function sendJson(url: string, body: string, headers: Record<string, string>, timeoutMs = 10_000): Promise<JsonPostResult> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'Switchboard/1.0', ...headers },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    return { answered: true, res, text: await res.text().catch(() => '') };
  } catch (err) {
    const reason = err instanceof Error ? (err.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : (err.cause instanceof Error ? err.cause.message : err.message)) : String(err);
    // The host only: some APIs carry a secret in the path (Telegram's bot token).
    return { answered: false, outcome: { ok: false, retry: true, error: `could not reach ${new URL(url).host}: ${reason}` } };
  }
}

export async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs = 10_000): Promise<DeliveryOutcome> {
  const sent = await sendJson(url, body, headers, timeoutMs);
  return sent.answered ? outcomeOfResponse(sent.res, sent.text) : sent.outcome;
}
