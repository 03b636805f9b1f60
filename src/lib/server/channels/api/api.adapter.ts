import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { ChannelAdapter, InboxConfig } from '../channel-adapter';
import { postJson } from '../http-delivery';
import { newSecret, safeEqual, sha256 } from '../../auth/tokens';

const WebhookUrl = z
  .string()
  .url()
  .max(2000)
  .refine((u) => /^https?:\/\//.test(u), 'must be an http or https URL');

const CreateSettings = z.object({ webhookUrl: WebhookUrl.nullable().optional() }).strict();
const UpdateSettings = z
  .object({ webhookUrl: WebhookUrl.nullable().optional(), rotateInboundToken: z.boolean().optional(), rotateWebhookSecret: z.boolean().optional() })
  .strict();

const Config = z.object({ webhookUrl: z.string().nullable(), webhookSecret: z.string(), inboundTokenHash: z.string() });
type Config = z.infer<typeof Config>;

export const signBody = (secret: string, rawBody: string) => `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;

/** True when `token` is the inbox's inbound bearer token (compared in constant time). */
export function apiInboundTokenMatches(config: InboxConfig, token: string): boolean {
  const parsed = Config.safeParse(config);
  return parsed.success && safeEqual(parsed.data.inboundTokenHash, sha256(token));
}

/** The generic API channel: authenticated HTTP inbound, signed JSON webhook outbound. */
export const apiChannel: ChannelAdapter<typeof CreateSettings> = {
  kind: 'api',
  capabilities: { html: false, subject: true },
  createSchema: CreateSettings,
  updateSchema: UpdateSettings,

  setup(settings) {
    const inboundToken = newSecret('sbi_');
    const webhookSecret = newSecret('whsec_');
    const config: Config = { webhookUrl: settings.webhookUrl ?? null, webhookSecret, inboundTokenHash: sha256(inboundToken) };
    return { config, revealed: { inboundToken, webhookSecret } };
  },

  update(current, rawPatch) {
    const patch = UpdateSettings.parse(rawPatch);
    const config = { ...Config.parse(current) };
    const revealed: Record<string, string> = {};
    if (patch.webhookUrl !== undefined) config.webhookUrl = patch.webhookUrl;
    if (patch.rotateInboundToken) {
      revealed.inboundToken = newSecret('sbi_');
      config.inboundTokenHash = sha256(revealed.inboundToken);
    }
    if (patch.rotateWebhookSecret) config.webhookSecret = revealed.webhookSecret = newSecret('whsec_');
    return { config, revealed };
  },

  publicSettings(config, inbox) {
    const parsed = Config.safeParse(config);
    return {
      webhookUrl: parsed.success ? parsed.data.webhookUrl : null,
      inboundUrl: `${inbox.publicUrl}/api/inboxes/${inbox.id}/inbound`,
    };
  },

  async deliver({ inbox, conversation, contact, message, deliveryId }) {
    const config = Config.parse(inbox.config);
    // Without a webhook the integrator reads replies through the API; the message is sent.
    if (!config.webhookUrl) return { ok: true };
    const body = JSON.stringify({
      event: 'message.created',
      deliveryId,
      inboxId: inbox.id,
      conversationId: conversation.id,
      threadId: conversation.threadId,
      contact: { externalId: contact.externalId, name: contact.name, email: contact.email },
      message: {
        id: message.id,
        text: message.text,
        createdAt: new Date(message.createdAt).toISOString(),
        author: message.authorName ? { name: message.authorName } : null,
      },
    });
    return postJson(config.webhookUrl, body, {
      'x-switchboard-signature': signBody(config.webhookSecret, body),
      'x-switchboard-event': 'message.created',
      'x-switchboard-delivery': deliveryId,
    });
  },
};
