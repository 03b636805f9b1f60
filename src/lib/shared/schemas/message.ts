import { z } from 'zod';
import { ClientId } from './common';

export const messageDirections = ['incoming', 'outgoing', 'system'] as const;
export const MessageDirection = z.enum(messageDirections);
export type MessageDirection = z.infer<typeof MessageDirection>;

/** Delivery of outgoing messages; incoming ones are `received`. */
export const deliveryStatuses = ['received', 'queued', 'sent', 'delivered', 'read', 'failed'] as const;
export const DeliveryStatus = z.enum(deliveryStatuses);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const MessageAuthor = z
  .object({ type: z.enum(['user', 'contact', 'system']), id: z.number().int().nullable(), name: z.string() })
  .nullable();

export const Message = z.object({
  id: z.number().int(),
  conversationId: z.number().int(),
  direction: MessageDirection,
  private: z.boolean(),
  text: z.string(),
  html: z.string().nullable(),
  status: DeliveryStatus,
  error: z.string().nullable(),
  createdAt: z.string(),
  author: MessageAuthor,
  clientId: z.string().nullable(),
  externalId: z.string().nullable(),
  /** For system messages: what happened (assigned, resolved, ...), for the UI to translate. */
  event: z.string().nullable(),
  /** Details of a system event (e.g. `{ assigneeName }`), so the UI can word it in any language. */
  eventData: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).nullable(),
});
export type Message = z.infer<typeof Message>;

export const CreateMessageBody = z
  .object({
    text: z.string().trim().min(1, 'a message needs text').max(20_000),
    private: z.boolean().default(false),
    clientId: ClientId.optional(),
  })
  .strict();
export type CreateMessageBody = z.infer<typeof CreateMessageBody>;

export const MessagePageQuery = z
  .object({ before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) })
  .strict();

export const MessagePage = z.object({ items: z.array(Message), prevCursor: z.string().nullable() });
