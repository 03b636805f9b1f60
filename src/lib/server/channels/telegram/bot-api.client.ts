import { z } from 'zod';
import type { DeliveryOutcome } from '../channel-adapter';
import { outcomeOfResponse, sendJson } from '../http-delivery';
import type { TelegramConfig } from './telegram-settings';

/** Every Bot API answer: `{ok:true, result}` or `{ok:false, error_code, description, parameters}`. */
const BotAnswer = z.object({
  ok: z.boolean(),
  result: z.unknown().optional(),
  description: z.string().optional(),
  error_code: z.number().int().optional(),
  parameters: z.object({ retry_after: z.number().nonnegative().optional() }).optional(),
});

export type BotCall = { ok: true; result: unknown; description: string | null } | { ok: false; outcome: Extract<DeliveryOutcome, { ok: false }> };

function parseAnswer(text: string) {
  try {
    return BotAnswer.safeParse(JSON.parse(text));
  } catch {
    return null;
  }
}

/**
 * Calls one Bot API method. The bot token is part of the URL, so no error message quotes the
 * URL. Flood control answers 429 with `parameters.retry_after` (seconds) in the body, which is
 * honoured like a Retry-After header; 5xx is retried too, anything else is final.
 */
export async function callBotApi(config: TelegramConfig, method: string, params: Record<string, unknown>): Promise<BotCall> {
  const sent = await sendJson(`${config.apiBaseUrl}/bot${config.botToken}/${method}`, JSON.stringify(params), {});
  if (!sent.answered) return { ok: false, outcome: sent.outcome };
  const answer = parseAnswer(sent.text);
  if (sent.res.ok && answer?.success && answer.data.ok) return { ok: true, result: answer.data.result, description: answer.data.description ?? null };

  const http = outcomeOfResponse(sent.res, sent.text);
  const a = answer?.success ? answer.data : null;
  const code = a?.error_code ?? sent.res.status;
  const retryAfterMs = a?.parameters?.retry_after !== undefined ? a.parameters.retry_after * 1000 : http.ok ? undefined : http.retryAfterMs;
  return {
    ok: false,
    outcome: {
      ok: false,
      retry: code === 429 || code >= 500 || (!http.ok && http.retry),
      error: `Telegram ${method} failed: ${code}${a?.description ? ` ${a.description}` : ` HTTP ${sent.res.status}`}`,
      retryAfterMs,
    },
  };
}
