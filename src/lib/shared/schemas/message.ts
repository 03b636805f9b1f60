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

/** A file on a message (received with an email or uploaded for a reply). */
export const MessageAttachment = z.object({
  id: z.number().int(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  /** Shown inside the HTML (a `cid:` image) rather than listed as a file. */
  inline: z.boolean(),
});
export type MessageAttachment = z.infer<typeof MessageAttachment>;

/** An uploaded file for a reply, before the reply references it by id. */
export const UploadedAttachment = MessageAttachment.pick({ id: true, filename: true, contentType: true, size: true });
export type UploadedAttachment = z.infer<typeof UploadedAttachment>;

/** Email envelope details of an email message; null for other channels. */
export const EmailMeta = z.object({
  from: z.string(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  subject: z.string().nullable(),
  /** The RFC 5322 Message-ID, with angle brackets. */
  messageId: z.string().nullable(),
  /**
   * Sent by a machine (Auto-Submitted: auto-*, Precedence: bulk/list/junk, X-Loop, a mailer
   * daemon): never answer it automatically (auto-replies, crisis acknowledgements).
   */
  autoSubmitted: z.boolean(),
});
export type EmailMeta = z.infer<typeof EmailMeta>;

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
  /** Files on the message; empty for none. */
  attachments: z.array(MessageAttachment),
  /** Email details (email inboxes only). */
  email: EmailMeta.nullable(),
});
export type Message = z.infer<typeof Message>;

export const CreateMessageBody = z
  .object({
    text: z.string().trim().min(1, 'a message needs text').max(20_000),
    private: z.boolean().default(false),
    clientId: ClientId.optional(),
    /** Email only: the subject (default `Re: ` + the thread's subject). */
    subject: z.string().trim().min(1).max(300).optional(),
    /** Email only: carbon-copy addresses. */
    cc: z.array(z.string().trim().email().max(254)).max(20).optional(),
    /** Files uploaded with `POST /api/conversations/{id}/attachments` (channels that take files). */
    attachmentIds: z.array(z.number().int().positive()).max(10).optional(),
  })
  .strict();
export type CreateMessageBody = z.infer<typeof CreateMessageBody>;

export const MessagePageQuery = z
  .object({ before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) })
  .strict();

export const MessagePage = z.object({ items: z.array(Message), prevCursor: z.string().nullable() });
