/**
 * Earlier versions kept an email reply's subject, Cc and uploaded files in localStorage
 * (`sb_email_draft:<conversation>`), on one device only. They are read once, moved into the
 * synced reply draft by `ComposerDraft`, then forgotten.
 */
import { z } from 'zod';
import { DraftCc, DraftSubject } from '$lib/shared/schemas/draft';
import { DRAFT_MAX_ATTACHMENTS } from '$lib/shared/draft-limits';
import { UploadedAttachment } from '$lib/shared/schemas/message';
import type { DraftContent } from './draft-store';

export type EmailFields = Pick<DraftContent, 'subject' | 'cc' | 'attachments'>;

const key = (conversationId: number) => `sb_email_draft:${conversationId}`;

// Each field on its own: one that no longer passes today's rules is dropped, not the rest.
const Legacy = z.object({
  subject: DraftSubject.optional().catch(undefined),
  cc: DraftCc.optional().catch(undefined),
  attachments: z.array(UploadedAttachment).max(DRAFT_MAX_ATTACHMENTS).optional().catch(undefined),
});

/** The fields an earlier version kept for this conversation; null when there are none. */
export function readLegacyEmailDraft(conversationId: number): EmailFields | null {
  let raw: string | null;
  try {
    raw = localStorage.getItem(key(conversationId));
  } catch {
    return null; // storage blocked or absent: nothing was kept there
  }
  if (raw === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = null;
  }
  const parsed = Legacy.safeParse(json);
  if (!parsed.success) return { subject: null, cc: [], attachments: [] };
  return { subject: parsed.data.subject || null, cc: parsed.data.cc ?? [], attachments: parsed.data.attachments ?? [] };
}

export function forgetLegacyEmailDraft(conversationId: number): void {
  try {
    localStorage.removeItem(key(conversationId));
  } catch {
    // storage blocked: there was nothing to forget
  }
}
