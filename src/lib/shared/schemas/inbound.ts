import { z } from 'zod';

/** Body of `POST /api/inboxes/:id/inbound` (API channel). */
export const ApiInboundBody = z
  .object({
    contact: z
      .object({
        externalId: z.string().trim().min(1).max(200),
        name: z.string().trim().min(1).max(200),
        email: z.string().trim().toLowerCase().email().max(254).optional(),
      })
      .strict(),
    externalMessageId: z.string().trim().min(1).max(200),
    text: z.string().trim().min(1, 'a message needs text').max(20_000),
    threadId: z.string().trim().min(1).max(200).optional(),
    subject: z.string().trim().max(300).optional(),
  })
  .strict();
export type ApiInboundBody = z.infer<typeof ApiInboundBody>;
