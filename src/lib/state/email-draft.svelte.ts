/**
 * The email-only parts of a reply draft: subject (for a thread without one), Cc and
 * attachments. Saved per conversation like the text draft (localStorage), cleared on send.
 */
import * as m from '$lib/paraglide/messages';
import { isEmailAddress, splitAddresses } from '$lib/client/email-addresses';
import { EmailAttachmentsState, type StoredAttachment } from './email-attachments.svelte';

/** What an email reply adds to `POST /api/conversations/:id/messages`. */
export interface EmailReplyFields {
  subject?: string;
  cc?: string[];
  attachmentIds?: number[];
}

interface SavedDraft {
  subject?: string;
  cc?: string[];
  attachments?: StoredAttachment[];
}

export const MAX_CC = 20;

export class EmailDraftState {
  subject = $state('');
  cc = $state<string[]>([]);
  ccInput = $state('');
  ccError = $state<string | null>(null);
  ccOpen = $state(false);
  readonly attachments: EmailAttachmentsState;
  readonly #key: string;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(conversationId: number) {
    this.#key = `sb_email_draft:${conversationId}`;
    this.attachments = new EmailAttachmentsState(conversationId, () => this.persist());
    try {
      const saved = JSON.parse(localStorage.getItem(this.#key) ?? 'null') as SavedDraft | null;
      if (saved) {
        this.subject = typeof saved.subject === 'string' ? saved.subject : '';
        this.cc = Array.isArray(saved.cc) ? saved.cc.filter((a) => typeof a === 'string' && isEmailAddress(a)).slice(0, MAX_CC) : [];
        if (Array.isArray(saved.attachments)) this.attachments.restore(saved.attachments.filter((a) => Number.isInteger(a?.id)));
        this.ccOpen = this.cc.length > 0;
      }
    } catch {
      // no draft
    }
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
    for (const part of parts) {
      const address = part.toLowerCase();
      if (!isEmailAddress(address)) invalid.push(part);
      else if (this.cc.includes(address)) error = m.email_cc_duplicate({ value: address });
      else if (this.cc.length < MAX_CC) this.cc = [...this.cc, address];
    }
    this.ccInput = invalid.join(', ');
    this.ccError = invalid.length ? m.email_cc_invalid({ value: invalid[0]! }) : error;
    this.persist();
    return invalid.length === 0;
  }

  removeCc(address: string) {
    this.cc = this.cc.filter((a) => a !== address);
    this.persist();
  }

  /** Ready to send: no upload running and nothing invalid left in the Cc input. */
  get ready(): boolean {
    return !this.attachments.uploading && !this.ccInput.trim();
  }

  /** The fields for the message, given the conversation already has (or lacks) a subject. */
  fields(needsSubject: boolean): EmailReplyFields {
    const subject = this.subject.trim();
    const ids = this.attachments.ids;
    return {
      ...(needsSubject && subject ? { subject } : {}),
      ...(this.cc.length ? { cc: [...this.cc] } : {}),
      ...(ids.length ? { attachmentIds: ids } : {}),
    };
  }

  clear() {
    this.subject = '';
    this.cc = [];
    this.ccInput = '';
    this.ccError = null;
    this.ccOpen = false;
    this.attachments.clear();
    this.flush();
  }

  persist() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), 300);
  }

  flush() {
    clearTimeout(this.#timer);
    try {
      const draft: SavedDraft = { subject: this.subject || undefined, cc: this.cc.length ? this.cc : undefined, attachments: this.attachments.stored() };
      if (draft.subject || draft.cc || draft.attachments?.length) localStorage.setItem(this.#key, JSON.stringify(draft));
      else localStorage.removeItem(this.#key);
    } catch {
      // storage full or blocked
    }
  }
}
