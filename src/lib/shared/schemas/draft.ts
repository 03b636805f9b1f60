import { z } from 'zod';
import { ApiErrorBody } from './common';

export const draftKinds = ['reply', 'note'] as const;
export const DraftKind = z.enum(draftKinds);
export type DraftKind = z.infer<typeof DraftKind>;

const Cc = z.array(z.string().trim().toLowerCase().email().max(254)).max(20);

/**
 * One agent's unsent text for one conversation. `revision` grows by one on every save; 0 means
 * nothing was ever saved. An empty text is a cleared draft, kept so that revisions stay ordered.
 */
export const Draft = z.object({
  conversationId: z.number().int(),
  kind: DraftKind,
  text: z.string(),
  subject: z.string().nullable(),
  cc: z.array(z.string()),
  revision: z.number().int().min(0),
  updatedAt: z.string().nullable(),
});
export type Draft = z.infer<typeof Draft>;

export const DraftPair = z.object({ reply: Draft, note: Draft });
export type DraftPair = z.infer<typeof DraftPair>;

/** Compare-and-set: saved only when `baseRevision` is the stored revision. */
export const PutDraftBody = z
  .object({
    kind: DraftKind,
    text: z.string().max(20_000),
    subject: z.string().trim().max(300).nullable().optional(),
    cc: Cc.optional(),
    baseRevision: z.number().int().min(0),
  })
  .strict();
export type PutDraftBody = z.infer<typeof PutDraftBody>;

/** The 409 answer to a stale save: the stored draft, so the UI can offer both texts. */
export const DraftConflict = ApiErrorBody.extend({ current: Draft });
