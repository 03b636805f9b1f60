/**
 * Files being attached to an email reply: each is uploaded at once (`POST
 * /api/conversations/:id/attachments`, multipart field `file`) with progress; once stored it is
 * handed to the reply draft (`onuploaded`), which keeps it and sends only its id. Too-large
 * files are refused before any upload.
 */
import { nanoid } from 'nanoid';
import * as m from '$lib/paraglide/messages';
import { formatBytes } from '$lib/client/email-addresses';

import type { UploadedAttachment } from '$lib/shared/schemas/message';
import { DRAFT_MAX_ATTACHMENTS } from '$lib/shared/draft-limits';

export interface AttachmentUpload {
  key: string;
  filename: string;
  contentType: string;
  size: number;
  status: 'uploading' | 'done' | 'failed';
  /** 0..100 while uploading. */
  progress: number;
  id: number | null;
  error: string | null;
}

/** The largest file the composer will try to upload: the server's MAX_UPLOAD_BYTES (it checks again). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

function uploadError(xhr: XMLHttpRequest): string {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not JSON
  }
  return xhr.status ? `HTTP ${xhr.status}` : m.delivery_offline();
}

/** Uploads still running or failed; stored files live in the reply draft. */
export class EmailAttachmentsState {
  items = $state<AttachmentUpload[]>([]);
  /** The last refusal (too large), for the composer to show. */
  notice = $state<string | null>(null);

  #files = new Map<string, File>();
  #requests = new Map<string, XMLHttpRequest>();

  constructor(
    private readonly conversationId: number,
    /** A file is stored on the server. */
    private readonly onuploaded: (file: UploadedAttachment) => void,
    /** How many files the reply already has. */
    private readonly attached: () => number,
    readonly maxBytes = MAX_ATTACHMENT_BYTES,
  ) {}

  get uploading(): boolean {
    return this.items.some((a) => a.status === 'uploading');
  }

  add(files: Iterable<File>) {
    const refused: string[] = [];
    for (const file of files) {
      if (this.attached() + this.items.length >= DRAFT_MAX_ATTACHMENTS) {
        refused.push(m.email_attachments_too_many({ count: DRAFT_MAX_ATTACHMENTS }));
        break;
      }
      if (file.size > this.maxBytes) {
        refused.push(m.email_attachment_too_large({ name: file.name || 'file', limit: formatBytes(this.maxBytes) }));
        continue;
      }
      const key = nanoid(8);
      this.#files.set(key, file);
      this.items.push({ key, filename: file.name || 'file', contentType: file.type || 'application/octet-stream', size: file.size, status: 'uploading', progress: 0, id: null, error: null });
      this.#upload(key);
    }
    this.notice = refused.length ? refused.join(' ') : null;
  }

  retry(key: string) {
    const item = this.items.find((a) => a.key === key);
    if (!item || item.status !== 'failed' || !this.#files.has(key)) return;
    item.status = 'uploading';
    item.progress = 0;
    item.error = null;
    this.#upload(key);
  }

  remove(key: string) {
    this.#requests.get(key)?.abort();
    this.#requests.delete(key);
    this.#files.delete(key);
    this.items = this.items.filter((a) => a.key !== key);
  }

  clear() {
    for (const xhr of this.#requests.values()) xhr.abort();
    this.#requests.clear();
    this.#files.clear();
    this.items = [];
    this.notice = null;
  }

  #upload(key: string) {
    const file = this.#files.get(key);
    if (!file) return;
    const form = new FormData();
    form.append('file', file, file.name || 'file');
    const xhr = new XMLHttpRequest();
    this.#requests.set(key, xhr);
    const item = () => this.items.find((a) => a.key === key);
    xhr.upload.onprogress = (e) => {
      const it = item();
      if (it && e.lengthComputable) it.progress = Math.min(99, Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      this.#requests.delete(key);
      const it = item();
      if (!it) return;
      if (xhr.status === 201 || xhr.status === 200) {
        try {
          const stored = JSON.parse(xhr.responseText) as UploadedAttachment;
          this.#files.delete(key);
          this.items = this.items.filter((a) => a.key !== key);
          this.onuploaded({ id: stored.id, filename: stored.filename, contentType: stored.contentType, size: stored.size });
          return;
        } catch {
          // fall through to failed
        }
      }
      Object.assign(it, { status: 'failed', error: uploadError(xhr) });
    };
    xhr.onerror = () => {
      this.#requests.delete(key);
      const it = item();
      if (it) Object.assign(it, { status: 'failed', error: m.delivery_offline() });
    };
    xhr.open('POST', `/api/conversations/${this.conversationId}/attachments`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.send(form);
  }
}
