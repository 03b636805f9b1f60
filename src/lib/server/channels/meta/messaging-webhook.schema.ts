import { z } from 'zod';

/**
 * Messenger and Instagram webhooks (Messenger Platform `messaging` events). Unknown fields are
 * stripped, not refused: Meta adds fields without notice. What we read is checked strictly.
 */

const Attachment = z.object({
  type: z.string().max(50),
  payload: z
    .object({ url: z.string().max(4000).optional(), title: z.string().max(1000).optional() })
    .nullish(),
});

export const MessagingMessage = z.object({
  mid: z.string().min(1).max(500),
  text: z.string().max(20_000).optional(),
  is_echo: z.boolean().optional(),
  /** Instagram: the customer unsent the message. */
  is_deleted: z.boolean().optional(),
  /** Instagram: a kind of message the API does not describe. */
  is_unsupported: z.boolean().optional(),
  attachments: z.array(Attachment).max(50).optional(),
});

/** A tap on a button of a message we sent (carries the button's title). */
export const MessagingPostback = z.object({ mid: z.string().min(1).max(500).optional(), title: z.string().max(1000), payload: z.string().max(2000).optional() });

export const MessagingEvent = z.object({
  sender: z.object({ id: z.string().min(1).max(100) }),
  recipient: z.object({ id: z.string().min(1).max(100) }),
  timestamp: z.number().int().optional(),
  message: MessagingMessage.optional(),
  postback: MessagingPostback.optional(),
});
export type MessagingEvent = z.infer<typeof MessagingEvent>;

export const MessagingEntry = z.object({
  /** The Page id (Messenger) or the Instagram professional account id (Instagram). */
  id: z.string().min(1).max(100),
  messaging: z.array(z.unknown()).max(1000).optional(),
});
