/**
 * The email-only parts of a reply: subject (for a thread without one), Cc and attachments. They
 * are fields of the reply draft (`ComposerDraft`), so they are kept, synced and cleared with its
 * text; this class adds the Cc input and the uploads still running.
 */
import * as m from '$lib/paraglide/messages';
import { isEmailAddress, splitAddresses } from '$lib/client/email-addresses';
import { DRAFT_MAX_CC } from '$lib/shared/draft-limits';
import type { DraftContent } from '$lib/client/offline/draft-store';
import type { ComposerDraft } from './composer-draft.svelte';
import { EmailAttachmentsState, type AttachmentUpload } from './email-attachments.svelte';

/** What an email reply adds to `POST /api/conversations/:id/messages`. */
export interface EmailReplyFields {
  subject?: string;
  cc?: string[];
  attachmentIds?: number[];
}

const storedKey = (id: number) => `file-${id}`;

export class EmailDraftState {
  ccInput = $state('');
  ccError = $state<string | null>(null);
  /** Files still uploading or whose upload failed. */
  readonly uploads: EmailAttachmentsState;

  constructor(private readonly draft: ComposerDraft) {
    this.uploads = new EmailAttachmentsState(
      draft.conversationId,
      (file) => this.#edit({ attachments: [...this.#reply.attachments, file] }),
      () => this.#reply.attachments.length,
    );
  }

  get #reply(): DraftContent {
    return this.draft.content.reply;
  }

  get subject(): string {
    return this.#reply.subject ?? '';
  }

  set subject(value: string) {
    this.#edit({ subject: value || null });
  }

  get cc(): string[] {
    return this.#reply.cc;
  }

  /** Every file of the reply for the chips: stored ones first, then uploads in progress. */
  get attachments(): AttachmentUpload[] {
    const stored = this.#reply.attachments.map((f): AttachmentUpload => ({ key: storedKey(f.id), ...f, status: 'done', progress: 100, error: null }));
    return [...stored, ...this.uploads.items];
  }

  removeAttachment(key: string) {
    const kept = this.#reply.attachments.filter((f) => storedKey(f.id) !== key);
    if (kept.length !== this.#reply.attachments.length) this.#edit({ attachments: kept });
    else this.uploads.remove(key);
  }

  /** Adds what was typed or pasted; keeps the invalid rest in the input with a message. */
  commitCc(): boolean {
    const parts = splitAddresses(this.ccInput);
    if (!parts.length) {
      this.ccError = null;
      return true;
    }
    const invalid: string[] = [];
    let error: string | null = null;
    const cc = [...this.cc];
    for (const part of parts) {
      const address = part.toLowerCase();
      if (!isEmailAddress(address)) invalid.push(part);
      else if (cc.includes(address)) error = m.email_cc_duplicate({ value: address });
      else if (cc.length < DRAFT_MAX_CC) cc.push(address);
    }
    if (cc.length !== this.cc.length) this.#edit({ cc });
    this.ccInput = invalid.join(', ');
    this.ccError = invalid.length ? m.email_cc_invalid({ value: invalid[0]! }) : error;
    return invalid.length === 0;
  }

  removeCc(address: string) {
    this.#edit({ cc: this.cc.filter((a) => a !== address) });
  }

  /** Ready to send: no upload running and nothing invalid left in the Cc input. */
  get ready(): boolean {
    return !this.uploads.uploading && !this.ccInput.trim();
  }

  /** The fields for the message, given the conversation already has (or lacks) a subject. */
  fields(needsSubject: boolean): EmailReplyFields {
    const subject = this.subject.trim();
    const ids = this.#reply.attachments.map((f) => f.id);
    return {
      ...(needsSubject && subject ? { subject } : {}),
      ...(this.cc.length ? { cc: [...this.cc] } : {}),
      ...(ids.length ? { attachmentIds: ids } : {}),
    };
  }

  /** After the send took the fields (the draft itself is emptied by `ComposerDraft.sent`). */
  clear() {
    this.ccInput = '';
    this.ccError = null;
    this.uploads.clear();
  }

  #edit(fields: Partial<DraftContent>) {
    this.draft.edit('reply', fields);
  }
}
