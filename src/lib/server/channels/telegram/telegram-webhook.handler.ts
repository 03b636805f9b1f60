import { z } from 'zod';
import type { InboxService } from '../../inbox/inbox.service';
import type { MessageService } from '../../inbox/message.service';
import type { GroupCommit } from '../../events/group-commit';
import { AppError, notFound } from '../../errors';
import { safeEqual, sha256 } from '../../auth/tokens';
import { readJson } from '../../http/api-handler';
import { callBotApi } from './bot-api.client';
import { readTelegramConfig } from './telegram-settings';
import { telegramChannel, telegramWebhookUrl } from './telegram.adapter';
import { telegramInbound } from './telegram-update.mapper';
import { TelegramUpdate } from './telegram-update.schema';

export interface TelegramDeps {
  inboxes: Pick<InboxService, 'find'>;
  messages: Pick<MessageService, 'ingest'>;
  groupCommit: Pick<GroupCommit, 'run'>;
}

function telegramInbox(inboxes: TelegramDeps['inboxes'], inboxId: number) {
  const inbox = inboxes.find(inboxId);
  if (!inbox || inbox.channel !== telegramChannel.kind) throw notFound('Telegram inbox');
  return { inbox, config: readTelegramConfig(inbox.config) };
}

/**
 * One update from Telegram. The secret token header comes first: without it nothing is read
 * or stored. Comparing hashes keeps the time taken independent of the secret's length too.
 */
export async function receiveTelegramUpdate(deps: TelegramDeps, inboxId: number, request: Request) {
  const { inbox, config } = telegramInbox(deps.inboxes, inboxId);
  const given = request.headers.get('x-telegram-bot-api-secret-token') ?? '';
  if (!safeEqual(sha256(given), sha256(config.webhookSecret))) {
    throw new AppError(401, 'invalid_secret_token', 'X-Telegram-Bot-Api-Secret-Token is missing or is not this inbox’s webhook secret');
  }
  const update = await readJson(request, TelegramUpdate);
  const mapped = telegramInbound(update);
  // Acknowledged either way: Telegram would otherwise send the same unusable update again.
  if ('skipped' in mapped) return { stored: false, reason: mapped.skipped };
  // Shares the write transaction of this turn's other inbound messages; answered after it commits.
  const { created } = await deps.groupCommit.run(() => deps.messages.ingest(inbox, mapped.input));
  return { stored: created, reason: created ? null : 'duplicate' };
}

/** The answer of the register-webhook action. */
export const TelegramWebhookRegistered = z.object({
  ok: z.literal(true),
  /** The webhook URL Telegram now posts updates to. */
  url: z.string(),
  /** Telegram's `result` (true when the webhook was set). */
  result: z.boolean(),
  /** Telegram's `description`, e.g. "Webhook was set". */
  description: z.string().nullable(),
});

/**
 * Points the bot's webhook at this inbox, with the secret Telegram is to send back. Only new
 * messages are asked for; edits and other updates would not be shown anyway.
 */
export async function registerTelegramWebhook(deps: Pick<TelegramDeps, 'inboxes'>, inboxId: number, publicUrl: string): Promise<z.infer<typeof TelegramWebhookRegistered>> {
  const { config } = telegramInbox(deps.inboxes, inboxId);
  const url = telegramWebhookUrl(publicUrl, inboxId);
  const call = await callBotApi(config, 'setWebhook', { url, secret_token: config.webhookSecret, allowed_updates: ['message'] });
  if (!call.ok) throw new AppError(502, 'telegram_refused', call.outcome.error);
  return { ok: true, url, result: call.result === true, description: call.description };
}
