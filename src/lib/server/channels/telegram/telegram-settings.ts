import { z } from 'zod';
import { newSecret } from '../../auth/tokens';
import type { InboxConfig } from '../channel-adapter';

export const DEFAULT_TELEGRAM_API_BASE_URL = 'https://api.telegram.org';

const BotToken = z.string().trim().regex(/^\d{1,20}:[A-Za-z0-9_-]{20,100}$/, 'must be the token @BotFather gave, like 123456789:AAH...');
/** Telegram's own rule for `secret_token`. */
const WebhookSecret = z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 letters, digits, _ or -');
const HttpUrl = z
  .string()
  .url()
  .max(2000)
  .refine((u) => /^https?:\/\//.test(u), 'must be an http or https URL');

export const CreateTelegramSettings = z.object({ botToken: BotToken, webhookSecret: WebhookSecret.optional(), apiBaseUrl: HttpUrl.optional() }).strict();
export const UpdateTelegramSettings = z
  .object({ botToken: BotToken, webhookSecret: WebhookSecret, apiBaseUrl: HttpUrl, rotateWebhookSecret: z.boolean() })
  .partial()
  .strict();

const TelegramConfig = z.object({ botToken: BotToken, webhookSecret: WebhookSecret, apiBaseUrl: HttpUrl });
export type TelegramConfig = z.infer<typeof TelegramConfig>;

export const readTelegramConfig = (config: InboxConfig): TelegramConfig => TelegramConfig.parse(config);
/** For display only: null when the stored config cannot be read. */
export const tryReadTelegramConfig = (config: InboxConfig): TelegramConfig | null => TelegramConfig.safeParse(config).data ?? null;

const baseUrl = (url: string | undefined) => (url ?? DEFAULT_TELEGRAM_API_BASE_URL).replace(/\/+$/, '');
// base64url: exactly the characters Telegram allows in a secret token.
const generatedSecret = () => newSecret();

/** A new inbox's config; a generated webhook secret is revealed once, for manual setWebhook calls. */
export function setupTelegram(settings: z.output<typeof CreateTelegramSettings>) {
  const webhookSecret = settings.webhookSecret ?? generatedSecret();
  const config: TelegramConfig = { botToken: settings.botToken, webhookSecret, apiBaseUrl: baseUrl(settings.apiBaseUrl) };
  return { config, revealed: settings.webhookSecret ? undefined : { webhookSecret } };
}

/** A changed secret takes effect at Telegram only after the webhook is registered again. */
export function changeTelegram(current: InboxConfig, patch: z.output<typeof UpdateTelegramSettings>) {
  const config = { ...readTelegramConfig(current) };
  if (patch.botToken) config.botToken = patch.botToken;
  if (patch.apiBaseUrl) config.apiBaseUrl = baseUrl(patch.apiBaseUrl);
  if (patch.webhookSecret) config.webhookSecret = patch.webhookSecret;
  const rotated = patch.rotateWebhookSecret ? (config.webhookSecret = generatedSecret()) : null;
  return { config, revealed: rotated ? { webhookSecret: rotated } : undefined };
}
