/**
 * What the settings UI knows of each channel kind: its card, its form fields and what to copy
 * from its public settings. Lookups by kind, never a switch: a new kind fails type-checking here
 * until it is described. The server's adapters stay the judge of every value.
 */
import * as m from '$lib/paraglide/messages';
import type { ChannelKind } from '$lib/shared/schemas/common';

export type FieldKind = 'text' | 'url' | 'email' | 'secret' | 'list';

export interface FieldSpec {
  /** The settings key the server's createSchema / updateSchema reads. */
  key: string;
  kind: FieldKind;
  label: () => string;
  hint?: () => string;
  placeholder?: string;
  /** Needed to create the inbox (the server decides; this only marks the field). */
  required?: boolean;
  /** A default that rarely changes: shown folded under "Advanced". */
  advanced?: boolean;
  /** Sent as null when emptied on edit (the server accepts null to clear it). */
  clearable?: boolean;
}

export interface ChannelSpec {
  description: () => string;
  /** What the admin does at the provider once the inbox exists. */
  setup: () => string;
  fields: FieldSpec[];
  /** Public settings to copy into the provider's dashboard or the website, in this order. */
  copy: string[];
  /** Secrets the server can replace with a new one (a PATCH flag), revealed once. */
  rotations?: { flag: string; label: () => string }[];
}

const url = (key: string, label: () => string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ key, kind: 'url', label, ...extra });
const secret = (key: string, label: () => string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ key, kind: 'secret', label, ...extra });

const metaFields = (account: FieldSpec): FieldSpec[] => [
  account,
  secret('appSecret', m.channels_field_app_secret, { required: true, hint: m.channels_field_app_secret_hint }),
  secret('accessToken', m.channels_field_access_token, { required: true, hint: m.channels_field_access_token_hint }),
  secret('verifyToken', m.channels_field_verify_token, { required: true, hint: m.channels_field_verify_token_hint }),
  url('graphApiBaseUrl', m.channels_field_graph_api_base_url, { advanced: true, placeholder: 'https://graph.facebook.com' }),
  { key: 'graphApiVersion', kind: 'text', label: m.channels_field_graph_api_version, advanced: true, placeholder: 'v21.0' },
];
const pageId: FieldSpec = { key: 'pageId', kind: 'text', label: m.channels_field_page_id, required: true, hint: m.channels_field_page_id_hint, placeholder: '102345678901234' };

export const CHANNELS: Record<ChannelKind, ChannelSpec> = {
  email: {
    description: m.channels_desc_email,
    setup: m.channels_setup_email,
    fields: [
      { key: 'address', kind: 'email', label: m.channels_field_address, required: true, placeholder: 'support@example.com', hint: m.channels_field_address_hint },
      secret('outboundSmtpUrl', m.channels_field_smtp_url, { required: true, placeholder: 'smtps://user:password@smtp.example.com:465', hint: m.channels_field_smtp_url_hint }),
    ],
    copy: ['inboundAddress'],
  },
  chat: {
    description: m.channels_desc_chat,
    setup: m.channels_setup_chat,
    fields: [
      { key: 'allowedOrigins', kind: 'list', label: m.channels_field_allowed_origins, hint: m.channels_field_allowed_origins_hint, placeholder: 'https://www.example.com' },
      secret('identitySecret', m.channels_field_identity_secret, { hint: m.channels_field_identity_secret_hint, clearable: true }),
    ],
    copy: ['widgetSnippet', 'widgetToken'],
    rotations: [{ flag: 'rotateWidgetToken', label: m.channels_rotate_widget_token }],
  },
  whatsapp: {
    description: m.channels_desc_whatsapp,
    setup: m.channels_setup_meta,
    fields: metaFields({ key: 'phoneNumberId', kind: 'text', label: m.channels_field_phone_number_id, required: true, hint: m.channels_field_phone_number_id_hint, placeholder: '105954558954427' }),
    copy: ['webhookUrl'],
  },
  messenger: { description: m.channels_desc_messenger, setup: m.channels_setup_meta, fields: metaFields(pageId), copy: ['webhookUrl'] },
  instagram: { description: m.channels_desc_instagram, setup: m.channels_setup_meta, fields: metaFields(pageId), copy: ['webhookUrl'] },
  telegram: {
    description: m.channels_desc_telegram,
    setup: m.channels_setup_telegram,
    fields: [
      secret('botToken', m.channels_field_bot_token, { required: true, hint: m.channels_field_bot_token_hint, placeholder: '123456789:AAH…' }),
      secret('webhookSecret', m.channels_field_webhook_secret, { hint: m.channels_field_webhook_secret_hint }),
      url('apiBaseUrl', m.channels_field_api_base_url, { advanced: true, placeholder: 'https://api.telegram.org' }),
    ],
    copy: ['webhookUrl'],
    rotations: [{ flag: 'rotateWebhookSecret', label: m.channels_rotate_webhook_secret }],
  },
  api: {
    description: m.channels_desc_api,
    setup: m.channels_setup_api,
    fields: [url('webhookUrl', m.channels_field_reply_webhook, { hint: m.channels_field_reply_webhook_hint, placeholder: 'https://example.com/switchboard', clearable: true })],
    copy: ['inboundUrl'],
    rotations: [
      { flag: 'rotateInboundToken', label: m.channels_rotate_inbound_token },
      { flag: 'rotateWebhookSecret', label: m.channels_rotate_webhook_secret },
    ],
  },
};

/** The order of the channel cards: the channels customers use most first. */
export const CHANNEL_ORDER: ChannelKind[] = ['email', 'chat', 'whatsapp', 'messenger', 'instagram', 'telegram', 'api'];

/** Words for public settings and revealed secrets by key; unknown keys show as the key itself. */
const SETTING_LABELS: Record<string, () => string> = {
  webhookUrl: m.channels_setting_webhook_url,
  inboundUrl: m.channels_setting_inbound_url,
  inboundAddress: m.channels_setting_inbound_address,
  widgetSnippet: m.channels_setting_widget_snippet,
  widgetToken: m.channels_setting_widget_token,
  verifyTokenHint: m.channels_setting_verify_token_hint,
  botId: m.channels_setting_bot_id,
  pageId: m.channels_field_page_id,
  phoneNumberId: m.channels_field_phone_number_id,
  apiBaseUrl: m.channels_field_api_base_url,
  graphApiBaseUrl: m.channels_field_graph_api_base_url,
  graphApiVersion: m.channels_field_graph_api_version,
  allowedOrigins: m.channels_field_allowed_origins,
  identityVerification: m.channels_setting_identity_verification,
  inboundToken: m.channels_secret_inbound_token,
  webhookSecret: m.channels_field_webhook_secret,
};

/** The api channel's `webhookUrl` is where replies go, not an address to copy. */
const CHANNEL_LABELS: Partial<Record<ChannelKind, Record<string, () => string>>> = {
  api: { webhookUrl: m.channels_field_reply_webhook, webhookSecret: m.channels_secret_signing },
};

export function settingLabel(channel: ChannelKind, key: string): string {
  const own = CHANNEL_LABELS[channel]?.[key] ?? SETTING_LABELS[key];
  return own ? own() : key;
}

/** Settings shown only for copying elsewhere are multi-line when they are code. */
export const MULTILINE_SETTINGS = new Set(['widgetSnippet']);
/** Public settings that are plumbing, not for people. */
export const HIDDEN_SETTINGS = new Set(['registerWebhookUrl']);
