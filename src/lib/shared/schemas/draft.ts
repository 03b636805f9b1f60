import { z } from 'zod';
import { ApiErrorBody } from './common';
import { UploadedAttachment } from './message';
import { DRAFT_MAX_ATTACHMENTS, DRAFT_MAX_CC } from '../draft-limits';

export const draftKinds = ['reply', 'note'] as const;
export const DraftKind = z.enum(draftKinds);
export type DraftKind = z.infer<typeof DraftKind>;

/** The limits of a reply's email fields (the same as `CreateMessageBody`'s). */
export const DRAFT_SUBJECT_MAX = 300;

const unique = <T>(list: T[]) => new Set(list).size === list.length;

export const DraftCc = z
  .array(z.string().trim().toLowerCase().email().max(254))
  .max(DRAFT_MAX_CC)
  .refine(unique, 'each Cc address once');

// Kept as typed (a trailing space is the start of the next word); one line, like a header.
export const DraftSubject = z
  .string()
  .max(DRAFT_SUBJECT_MAX)
  .regex(/^[^\r\n]*$/, 'the subject is one line');

/**
 * One agent's unsent text for one conversation. `revision` grows by one on every save; 0 means
 * nothing was ever saved. An empty text is a cleared draft, kept so that revisions stay ordered.
 * Email replies add a subject, Cc addresses and files uploaded for the reply.
 */
export const Draft = z.object({
  conversationId: z.number().int(),
  kind: DraftKind,
  text: z.string(),
  subject: z.string().nullable(),
  cc: z.array(z.string()),
  attachments: z.array(UploadedAttachment),
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
    subject: DraftSubject.nullable().optional(),
    cc: DraftCc.optional(),
    attachmentIds: z.array(z.number().int().positive()).max(DRAFT_MAX_ATTACHMENTS).refine(unique, 'each file once').optional(),
    baseRevision: z.number().int().min(0),
  })
  .strict();
export type PutDraftBody = z.infer<typeof PutDraftBody>;

/** The 409 answer to a stale save: the stored draft, so the UI can offer both texts. */
export const DraftConflict = ApiErrorBody.extend({ current: Draft });
