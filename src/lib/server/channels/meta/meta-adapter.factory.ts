import type { ChannelAdapter, DeliveryOutcome, InboxConfig, ReplyWindow } from '../channel-adapter';
import { metaSettings, secretHint, type AccountField, type MetaConfig, type MetaSettings } from './meta-settings';
import type { MetaEnvelope, MetaEvents } from './meta-events';

/** What differs between Messenger, Instagram and WhatsApp; the rest is shared below. */
export interface MetaVariant {
  kind: 'messenger' | 'instagram' | 'whatsapp';
  /** The product's name, in messages to agents and admins. */
  label: string;
  account: AccountField;
  /** The longest text one message may carry on this product. */
  maxTextLength: number;
  readEvents(envelope: MetaEnvelope, config: MetaConfig): MetaEvents;
  /** Sends one text to the customer's id on this product (PSID, IGSID, wa_id). */
  send(config: MetaConfig, recipientId: string, text: string): Promise<DeliveryOutcome>;
  identityLabel?(externalId: string): string;
  /** A reply window, when the product limits free text to a time after the customer's message. */
  window?: { of(lastIncomingAt: number | null, now: number): ReplyWindow; closedCode: string; closedMessage(closesAt: number | null): string };
}

/** A Meta adapter also reads its product's webhooks, for the shared Meta webhook route. */
export interface MetaChannelAdapter extends ChannelAdapter<MetaSettings['create']> {
  meta: { config(config: InboxConfig): MetaConfig; readEvents(envelope: MetaEnvelope, config: MetaConfig): MetaEvents };
}

export const isMetaAdapter = (adapter: ChannelAdapter): adapter is MetaChannelAdapter => 'meta' in adapter;

export const metaWebhookUrl = (publicUrl: string, inboxId: number) => `${publicUrl}/api/webhooks/meta/${inboxId}`;

export function metaAdapter(variant: MetaVariant): MetaChannelAdapter {
  const settings = metaSettings(variant.account);
  const { window } = variant;
  return {
    kind: variant.kind,
    capabilities: { html: false, subject: false },
    createSchema: settings.create,
    updateSchema: settings.update,
    setup: (created) => ({ config: settings.setup(created) }),
    update: (current, patch) => ({ config: settings.change(current, settings.update.parse(patch)) }),

    // The app secret and access token never leave the server; the verify token only as a hint.
    publicSettings(config, inbox) {
      const c = settings.tryRead(config);
      return {
        webhookUrl: metaWebhookUrl(inbox.publicUrl, inbox.id),
        verifyTokenHint: c ? secretHint(c.verifyToken) : null,
        [variant.account]: c?.accountId ?? null,
        graphApiBaseUrl: c?.graphApiBaseUrl ?? null,
        graphApiVersion: c?.graphApiVersion ?? null,
      };
    },

    async deliver({ inbox, contact, message }) {
      if (!contact.externalId) return { ok: false, retry: false, error: `the contact has no ${variant.label} id to reply to` };
      return variant.send(settings.read(inbox.config), contact.externalId, message.text);
    },

    canSend({ text, conversation, now }) {
      if (text.length > variant.maxTextLength) {
        return { ok: false, status: 400, code: 'message_too_long', message: `${variant.label} takes at most ${variant.maxTextLength} characters in one message` };
      }
      const state = window?.of(conversation.lastIncomingAt, now);
      if (window && state && !state.open) return { ok: false, status: 409, code: window.closedCode, message: window.closedMessage(state.closesAt) };
      return { ok: true };
    },

    ...(variant.identityLabel ? { identityLabel: variant.identityLabel } : {}),
    ...(window ? { replyWindow: (conversation: { lastIncomingAt: number | null }, now: number) => window.of(conversation.lastIncomingAt, now) } : {}),

    meta: { config: (config) => settings.read(config), readEvents: variant.readEvents },
  };
}
