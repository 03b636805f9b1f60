import { z } from 'zod';
import { ChannelKind } from './common';

/** A customer's satisfaction rating: 1 (very unhappy) to 5 (very happy). */
export const CsatRating = z.coerce.number({ error: 'rating must be a whole number from 1 to 5' }).int('rating must be a whole number from 1 to 5').min(1, 'rating must be from 1 to 5').max(5, 'rating must be from 1 to 5');

export const CSAT_COMMENT_MAX = 1000;

/** What a customer submits on the survey page, in the widget or with `POST /api/csat/{token}`. */
export const CsatSubmitBody = z
  .object({
    rating: CsatRating,
    comment: z
      .string()
      .trim()
      .max(CSAT_COMMENT_MAX, `comment: at most ${CSAT_COMMENT_MAX} characters`)
      .nullish()
      .transform((s) => (s ? s : null)),
  })
  .strict();
export type CsatSubmitBody = z.input<typeof CsatSubmitBody>;

/** One conversation's survey as the console shows it. */
export const CsatResponse = z.object({
  conversationId: z.number().int(),
  inboxId: z.number().int(),
  channel: ChannelKind,
  agentId: z.number().int().nullable(),
  requestedAt: z.string(),
  rating: z.number().int().min(1).max(5).nullable(),
  comment: z.string().nullable(),
  ratedAt: z.string().nullable(),
});
export type CsatResponse = z.infer<typeof CsatResponse>;

export const CsatEnvelope = z.object({ csat: CsatResponse.nullable() });

/** The answer to a submitted rating. */
export const CsatRatedResult = z.object({ ok: z.literal(true), rating: z.number().int(), ratedAt: z.string() });

/** Payload of the `csat.rated` event: a customer answered the survey of a conversation. */
export const CsatRated = z.object({
  seq: z.number().int(),
  conversationId: z.number().int(),
  inboxId: z.number().int(),
  channel: ChannelKind,
  agentId: z.number().int().nullable(),
  rating: z.number().int().min(1).max(5),
  comment: z.string().nullable(),
  ratedAt: z.string(),
});
export type CsatRated = z.infer<typeof CsatRated>;

/** Server-wide survey settings: on or off, and inboxes that never send one. */
export const CsatSettings = z
  .object({
    enabled: z.boolean(),
    disabledInboxIds: z.array(z.number().int().positive()).max(1000).default([]),
  })
  .strict();
export type CsatSettings = z.infer<typeof CsatSettings>;
