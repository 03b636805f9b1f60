/** Test doubles for the offline stores: fresh databases and a server that behaves like ours. */
import 'fake-indexeddb/auto';
import type { Draft, DraftKind, DraftPair, PutDraftBody } from '$lib/shared/schemas/draft';
import type { Message, UploadedAttachment } from '$lib/shared/schemas/message';
import { openOfflineDb } from './offline-db';
import { DraftStore, type DraftRemote, type PutResult } from './draft-store';
import type { SendResult } from './outbox';
import type { OutboxItem } from './offline-db';

let users = 0;
/** A new user's database (each test gets its own). */
export const freshDb = () => openOfflineDb(1000 + ++users + Math.floor(Math.random() * 1e6));

/**
 * The drafts API with its compare-and-set rule; `online = false` makes every call fail. Like the
 * server, a draft refers only to files in `unsentFiles` (uploaded and not yet sent).
 */
export class FakeDraftServer implements DraftRemote {
  online = true;
  readonly rows = new Map<string, Draft>();
  readonly unsentFiles = new Map<number, UploadedAttachment>();

  upload(file: UploadedAttachment): UploadedAttachment {
    this.unsentFiles.set(file.id, file);
    return file;
  }

  #key = (id: number, kind: DraftKind) => `${id}:${kind}`;

  #row(id: number, kind: DraftKind): Draft {
    const row = this.rows.get(this.#key(id, kind)) ?? { conversationId: id, kind, text: '', subject: null, cc: [], attachments: [], revision: 0, updatedAt: null };
    return { ...row, attachments: row.attachments.filter((f) => this.unsentFiles.has(f.id)) };
  }

  async get(id: number): Promise<DraftPair> {
    if (!this.online) throw new TypeError('Failed to fetch');
    return { reply: this.#row(id, 'reply'), note: this.#row(id, 'note') };
  }

  async put(id: number, body: PutDraftBody): Promise<PutResult> {
    if (!this.online) throw new TypeError('Failed to fetch');
    const current = this.#row(id, body.kind);
    if (current.revision !== body.baseRevision) return { ok: false, current };
    const attachments = (body.attachmentIds ?? []).flatMap((a) => this.unsentFiles.get(a) ?? []);
    const draft: Draft = { ...current, text: body.text, subject: body.subject ?? null, cc: body.cc ?? [], attachments, revision: current.revision + 1, updatedAt: new Date().toISOString() };
    this.rows.set(this.#key(id, body.kind), draft);
    return { ok: true, draft };
  }
}

/** What a composer needs of the browser's offline store, on a fresh database (one device). */
export async function draftHost(server = new FakeDraftServer()) {
  return { ready: Promise.resolve(), drafts: new DraftStore(await freshDb(), server), onRemoteDraft: () => () => true, server };
}

/** The messages API as the outbox sees it: stores each clientId once, per conversation. */
export class FakeMessageServer {
  online = true;
  /** Answers with this error (not retried) for texts that match. */
  refuse: RegExp | null = null;
  readonly stored: Message[] = [];
  calls = 0;

  send = async (item: OutboxItem): Promise<SendResult> => {
    this.calls++;
    await new Promise((r) => setTimeout(r, 1));
    if (!this.online) return { ok: false, retry: true, error: 'network' };
    if (this.refuse?.test(item.body.text)) return { ok: false, retry: false, error: 'the channel refused it' };
    const existing = this.stored.find((m) => m.conversationId === item.conversationId && m.clientId === item.clientId);
    if (existing) return { ok: true, message: existing };
    const message: Message = {
      id: this.stored.length + 1,
      conversationId: item.conversationId,
      direction: 'outgoing',
      private: item.body.private,
      text: item.body.text,
      html: null,
      status: 'queued',
      error: null,
      createdAt: new Date().toISOString(),
      author: null,
      clientId: item.clientId,
      externalId: null,
      event: null,
      eventData: null,
      attachments: [],
      email: null,
    };
    this.stored.push(message);
    return { ok: true, message };
  };
}
