import { z } from 'zod';
import { Id, Locale } from './common';

export const knowledgeKinds = ['response', 'article'] as const;
export const KnowledgeKind = z.enum(knowledgeKinds);
export type KnowledgeKind = z.infer<typeof KnowledgeKind>;

/** A short handle typed after `/` in the composer (`/refund`): lower-case letters, digits, - and _. */
export const KnowledgeShortcut = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(32)
  .regex(/^[\p{Ll}\p{N}_-]+$/u, 'letters, digits, - and _ only, no spaces');

export const KnowledgeTag = z.string().trim().min(1).max(40).regex(/^[\p{L}\p{N} _.-]+$/u, 'letters, digits, space, _ . - only');

export const KnowledgeEntry = z.object({
  id: z.number().int(),
  kind: KnowledgeKind,
  title: z.string(),
  /** Plain text with `{{variables}}` filled in when it is inserted. */
  body: z.string(),
  tags: z.array(z.string()),
  /** Null: any language. */
  language: Locale.nullable(),
  shortcut: z.string().nullable(),
  /** Empty: every inbox. */
  inboxIds: z.array(z.number().int()),
  createdBy: z.number().int().nullable(),
  updatedBy: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type KnowledgeEntry = z.infer<typeof KnowledgeEntry>;

export const KnowledgeList = z.object({
  items: z.array(KnowledgeEntry),
  /** The language the results prefer (asked for, or guessed from the conversation, or the caller's locale). */
  preferredLanguage: Locale.nullable(),
});
export type KnowledgeList = z.infer<typeof KnowledgeList>;

export const KnowledgeQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    /** Only entries in this language (and those for any language). */
    language: Locale.optional(),
    /** Only entries usable in this inbox. */
    inboxId: Id.optional(),
    /** The conversation being answered: its inbox filters, its customer's language is preferred. */
    conversationId: Id.optional(),
    kind: KnowledgeKind.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type KnowledgeQuery = z.infer<typeof KnowledgeQuery>;

const fields = {
  kind: KnowledgeKind,
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20_000),
  tags: z.array(KnowledgeTag).max(20),
  language: Locale.nullable(),
  shortcut: KnowledgeShortcut.nullable(),
  inboxIds: z.array(z.number().int().positive()).max(100),
};

export const CreateKnowledgeBody = z
  .object({
    ...fields,
    tags: fields.tags.default([]),
    language: fields.language.default(null),
    shortcut: fields.shortcut.default(null),
    inboxIds: fields.inboxIds.default([]),
  })
  .strict();
export type CreateKnowledgeBody = z.infer<typeof CreateKnowledgeBody>;

export const PatchKnowledgeBody = z
  .object(fields)
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type PatchKnowledgeBody = z.infer<typeof PatchKnowledgeBody>;
