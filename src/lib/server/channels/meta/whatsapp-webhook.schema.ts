import { z } from 'zod';

/**
 * WhatsApp Cloud API webhooks (`whatsapp_business_account`, field `messages`). Unknown fields
 * are stripped, not refused: Meta adds fields and message types without notice.
 */

const Media = z.object({
  id: z.string().min(1).max(200),
  mime_type: z.string().max(200).optional(),
  caption: z.string().max(20_000).optional(),
  filename: z.string().max(1000).optional(),
});

export const WaMessage = z.object({
  from: z.string().min(1).max(50),
  id: z.string().min(1).max(500),
  type: z.string().min(1).max(50),
  text: z.object({ body: z.string().max(20_000) }).optional(),
  image: Media.optional(),
  video: Media.optional(),
  audio: Media.optional(),
  document: Media.optional(),
  sticker: Media.optional(),
  location: z
    .object({ latitude: z.number(), longitude: z.number(), name: z.string().max(1000).optional(), address: z.string().max(1000).optional() })
    .optional(),
  /** A quick-reply button of a template message. */
  button: z.object({ text: z.string().max(1000) }).optional(),
  interactive: z
    .object({
      button_reply: z.object({ title: z.string().max(1000) }).optional(),
      list_reply: z.object({ title: z.string().max(1000), description: z.string().max(1000).optional() }).optional(),
    })
    .optional(),
  reaction: z.object({ emoji: z.string().max(50).optional() }).optional(),
  contacts: z
    .array(z.object({ name: z.object({ formatted_name: z.string().max(500) }).optional(), phones: z.array(z.object({ phone: z.string().max(100).optional() })).optional() }))
    .max(50)
    .optional(),
});
export type WaMessage = z.infer<typeof WaMessage>;

export const WaContact = z.object({ wa_id: z.string().min(1).max(50), profile: z.object({ name: z.string().max(500).optional() }).optional() });

/** What became of a message we sent. Other values (`deleted`, `warning`) are not delivery steps. */
export const WaStatus = z.object({
  id: z.string().min(1).max(500),
  status: z.string().max(50),
  errors: z
    .array(z.object({ code: z.number().optional(), title: z.string().max(1000).optional(), message: z.string().max(1000).optional(), error_data: z.object({ details: z.string().max(2000).optional() }).optional() }))
    .max(20)
    .optional(),
});
export type WaStatus = z.infer<typeof WaStatus>;

export const WaValue = z.object({
  metadata: z.object({ phone_number_id: z.string().min(1).max(50) }),
  contacts: z.array(z.unknown()).max(1000).optional(),
  messages: z.array(z.unknown()).max(1000).optional(),
  statuses: z.array(z.unknown()).max(1000).optional(),
});

export const WaEntry = z.object({
  id: z.string().min(1).max(100),
  changes: z.array(z.object({ field: z.string().max(100), value: z.unknown() })).max(1000),
});
