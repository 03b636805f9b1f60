import type { ChannelAdapter } from '../channel-adapter';
import { callBotApi } from './bot-api.client';
import { SentTelegramMessage } from './telegram-update.schema';
import { telegramMessageId } from './telegram-update.mapper';
import { changeTelegram, CreateTelegramSettings, readTelegramConfig, setupTelegram, tryReadTelegramConfig, UpdateTelegramSettings } from './telegram-settings';

/** Telegram's limit for one message's text. */
const MAX_TEXT = 4096;

export const telegramWebhookUrl = (publicUrl: string, inboxId: number) => `${publicUrl}/api/webhooks/telegram/${inboxId}`;

/** A Telegram bot: customers write to it; each chat is a contact (identity: the chat id). */
export const telegramChannel: ChannelAdapter<typeof CreateTelegramSettings> = {
  kind: 'telegram',
  capabilities: { html: false, subject: false },
  createSchema: CreateTelegramSettings,
  updateSchema: UpdateTelegramSettings,
  setup: (settings) => setupTelegram(settings),
  update: (current, patch) => changeTelegram(current, UpdateTelegramSettings.parse(patch)),

  // The bot id (the token's public half) helps an admin tell bots apart; the token stays here.
  publicSettings(config, inbox) {
    const parsed = tryReadTelegramConfig(config);
    return {
      webhookUrl: telegramWebhookUrl(inbox.publicUrl, inbox.id),
      registerWebhookUrl: `${inbox.publicUrl}/api/inboxes/${inbox.id}/telegram/register-webhook`,
      botId: parsed?.botToken.split(':')[0] ?? null,
      apiBaseUrl: parsed?.apiBaseUrl ?? null,
    };
  },

  async deliver({ inbox, contact, message }) {
    const config = readTelegramConfig(inbox.config);
    if (!contact.externalId || !/^-?\d{1,20}$/.test(contact.externalId)) return { ok: false, retry: false, error: 'the contact has no Telegram chat id to reply to' };
    const chatId = Number(contact.externalId);
    const call = await callBotApi(config, 'sendMessage', { chat_id: chatId, text: message.text });
    if (!call.ok) return call.outcome;
    const sent = SentTelegramMessage.safeParse(call.result);
    return { ok: true, externalId: sent.success ? telegramMessageId(sent.data.chat.id, sent.data.message_id) : null };
  },

  canSend({ text }) {
    if (text.length <= MAX_TEXT) return { ok: true };
    return { ok: false, status: 400, code: 'message_too_long', message: `Telegram takes at most ${MAX_TEXT} characters in one message` };
  },
};
