import { and, eq } from 'drizzle-orm';
import type { Draft, DraftKind, DraftPair, PutDraftBody } from '$lib/shared/schemas/draft';
import type { Db } from '../db/client';
import { drafts } from '../db/schema';
import type { EventLog, EventRecorder } from '../events/event-log';
import type { AuthContext } from '../auth/auth-context';
import type { ConversationService } from './conversation.service';

type Row = typeof drafts.$inferSelect;
export type SaveResult = { ok: true; draft: Draft } | { ok: false; current: Draft };

function toDraft(conversationId: number, kind: DraftKind, row: Row | undefined): Draft {
  return {
    conversationId,
    kind,
    text: row?.text ?? '',
    subject: row?.subject ?? null,
    cc: row?.cc ?? [],
    revision: row?.revision ?? 0,
    updatedAt: row ? new Date(row.updatedAt).toISOString() : null,
  };
}

/**
 * An agent's drafts, shared by their devices. Saves are compare-and-set on the revision so that
 * two devices editing at once never overwrite each other silently: the later one is refused and
 * shown both texts.
 */
export class DraftService {
  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly conversations: ConversationService,
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
      const same = current.text === body.text && current.subject === (body.subject ?? null) && sameList(current.cc, body.cc ?? []);
      if (same) return { ok: true, draft: current };
      const draft = this.#write(events, auth.user.id, conversationId, body.kind, { text: body.text, subject: body.subject ?? null, cc: body.cc ?? [] }, current.revision + 1);
      return { ok: true, draft };
    });
  }

  /** A sent reply or note clears the author's draft of that kind, on every device (same transaction as the send). */
  clearSent(events: EventRecorder, userId: number, conversationId: number, kind: DraftKind): void {
    const current = this.#read(userId, conversationId, kind);
    if (current.revision === 0 || (current.text === '' && current.subject === null && current.cc.length === 0)) return;
    this.#write(events, userId, conversationId, kind, { text: '', subject: null, cc: [] }, current.revision + 1);
  }

  #read(userId: number, conversationId: number, kind: DraftKind): Draft {
    const row = this.db
      .select()
      .from(drafts)
      .where(and(eq(drafts.userId, userId), eq(drafts.conversationId, conversationId), eq(drafts.kind, kind)))
      .get();
    return toDraft(conversationId, kind, row);
  }

  #write(events: EventRecorder, userId: number, conversationId: number, kind: DraftKind, content: Pick<Row, 'text' | 'subject' | 'cc'>, revision: number): Draft {
    const now = Date.now();
    const row = this.db
      .insert(drafts)
      .values({ userId, conversationId, kind, ...content, revision, updatedAt: now })
      .onConflictDoUpdate({ target: [drafts.userId, drafts.conversationId, drafts.kind], set: { ...content, revision, updatedAt: now } })
      .returning()
      .get();
    const draft = toDraft(conversationId, kind, row);
    events.record('draft.updated', { draft }, { userId });
    return draft;
  }
}

function sameList(a: string[], b: string[]) {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
