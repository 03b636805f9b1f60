import { and, eq } from 'drizzle-orm';
import type { Draft, DraftKind, DraftPair, PutDraftBody } from '$lib/shared/schemas/draft';
import type { Db } from '../db/client';
import { drafts } from '../db/schema';
import type { EventLog, EventRecorder } from '../events/event-log';
import type { AuthContext } from '../auth/auth-context';
import type { ConversationService } from './conversation.service';
import type { AttachmentService } from './attachment.service';

type Row = typeof drafts.$inferSelect;
type Content = Pick<Row, 'text' | 'subject' | 'cc' | 'attachmentIds'>;
export type SaveResult = { ok: true; draft: Draft } | { ok: false; current: Draft };

const EMPTY: Content = { text: '', subject: null, cc: [], attachmentIds: [] };

const sameContent = (a: Content, b: Content) => a.text === b.text && a.subject === b.subject && sameList(a.cc, b.cc) && sameList(a.attachmentIds, b.attachmentIds);

/**
 * An agent's drafts, shared by their devices. Saves are compare-and-set on the revision so that
 * two devices editing at once never overwrite each other silently: the later one is refused and
 * shown both texts. An email reply's subject, Cc and uploaded files are part of the same draft.
 */
export class DraftService {
  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly conversations: ConversationService,
    private readonly attachments: AttachmentService,
  ) {}

  get(auth: AuthContext, conversationId: number): DraftPair {
    this.conversations.visibleRow(auth, conversationId);
    return { reply: this.#read(auth.user.id, conversationId, 'reply'), note: this.#read(auth.user.id, conversationId, 'note') };
  }

  save(auth: AuthContext, conversationId: number, body: PutDraftBody): SaveResult {
    return this.log.transact((events) => {
      this.conversations.visibleRow(auth, conversationId);
      const current = this.#read(auth.user.id, conversationId, body.kind);
      if (current.revision !== body.baseRevision) return { ok: false, current };
      // Files another device already sent (or that are not the caller's) are left out, not refused:
      // the draft is still saved, and the answer shows what it refers to.
      const attachmentIds = this.attachments.unsentUploads(auth.user.id, conversationId, body.attachmentIds ?? []).map((a) => a.id);
      const next: Content = { text: body.text, subject: body.subject ?? null, cc: body.cc ?? [], attachmentIds };
      if (sameContent(contentOf(current), next)) return { ok: true, draft: current };
      return { ok: true, draft: this.#write(events, auth.user.id, conversationId, body.kind, next, current.revision + 1) };
    });
  }

  /** A sent reply or note clears the author's draft of that kind, on every device (same transaction as the send). */
  clearSent(events: EventRecorder, userId: number, conversationId: number, kind: DraftKind): void {
    const row = this.#row(userId, conversationId, kind);
    if (!row || sameContent(row, EMPTY)) return;
    this.#write(events, userId, conversationId, kind, EMPTY, row.revision + 1);
  }

  #row(userId: number, conversationId: number, kind: DraftKind): Row | undefined {
    return this.db
      .select()
      .from(drafts)
      .where(and(eq(drafts.userId, userId), eq(drafts.conversationId, conversationId), eq(drafts.kind, kind)))
      .get();
  }

  #read(userId: number, conversationId: number, kind: DraftKind): Draft {
    return this.#toDraft(userId, conversationId, kind, this.#row(userId, conversationId, kind));
  }

  #write(events: EventRecorder, userId: number, conversationId: number, kind: DraftKind, content: Content, revision: number): Draft {
    const now = Date.now();
    const row = this.db
      .insert(drafts)
      .values({ userId, conversationId, kind, ...content, revision, updatedAt: now })
      .onConflictDoUpdate({ target: [drafts.userId, drafts.conversationId, drafts.kind], set: { ...content, revision, updatedAt: now } })
      .returning()
      .get();
    const draft = this.#toDraft(userId, conversationId, kind, row);
    events.record('draft.updated', { draft }, { userId });
    return draft;
  }

  #toDraft(userId: number, conversationId: number, kind: DraftKind, row: Row | undefined): Draft {
    return {
      conversationId,
      kind,
      text: row?.text ?? '',
      subject: row?.subject ?? null,
      cc: row?.cc ?? [],
      // A file sent since (by a reply from another device) is no longer part of any draft.
      attachments: row ? this.attachments.unsentUploads(userId, conversationId, row.attachmentIds) : [],
      revision: row?.revision ?? 0,
      updatedAt: row ? new Date(row.updatedAt).toISOString() : null,
    };
  }
}

function contentOf(d: Draft): Content {
  return { text: d.text, subject: d.subject, cc: d.cc, attachmentIds: d.attachments.map((a) => a.id) };
}

function sameList<T>(a: T[], b: T[]) {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
