import { eq, inArray } from 'drizzle-orm';
import type { Locale } from '$lib/shared/schemas/common';
import type { CreateKnowledgeBody, KnowledgeEntry, KnowledgeList, KnowledgeQuery, PatchKnowledgeBody } from '$lib/shared/schemas/knowledge';
import type { Db } from '../db/client';
import { auditLog, inboxes, knowledgeEntries } from '../db/schema';
import type { StatementCache } from '../db/statement-cache';
import { canSeeInbox, requireRole, visibleInboxIds, type AuthContext } from '../auth/auth-context';
import { badRequest, notFound } from '../errors';
import type { ConversationService } from '../inbox/conversation.service';
import { ftsQuery } from '../inbox/search-text';
import { rankEntries, searchColumns } from './knowledge-ranking';
import { guessLanguage } from './language-guess';

type Row = typeof knowledgeEntries.$inferSelect;
type SearchRow = Omit<Row, 'tags' | 'inboxIds'> & { tags: string; inboxIds: string; score: number };

/** Candidates fetched from the index before ranking; a team's knowledge base is far smaller. */
const CANDIDATES = 500;
const COLUMNS = `e.id, e.kind, e.title, e.body, e.tags, e.language, e.shortcut, e.inbox_ids AS inboxIds,
  e.created_by AS createdBy, e.updated_by AS updatedBy, e.created_at AS createdAt, e.updated_at AS updatedAt`;

const toEntry = (r: Row): KnowledgeEntry => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  tags: r.tags,
  language: r.language,
  shortcut: r.shortcut,
  inboxIds: r.inboxIds,
  createdBy: r.createdBy,
  updatedBy: r.updatedBy,
  createdAt: new Date(r.createdAt).toISOString(),
  updatedAt: new Date(r.updatedAt).toISOString(),
});

/**
 * The team's canned responses and articles. Everyone logged in reads those meant for every inbox
 * or for an inbox they can see; leads and above write them (only for inboxes they can see).
 */
export class KnowledgeService {
  readonly #ftsInsert;
  readonly #ftsDelete;

  constructor(
    private readonly db: Db,
    private readonly cache: StatementCache,
    private readonly conversations: ConversationService,
  ) {
    this.#ftsInsert = db.$client.prepare('INSERT INTO knowledge_search (rowid, shortcut, title, body, tags) VALUES (@id, @shortcut, @title, @body, @tags)');
    this.#ftsDelete = db.$client.prepare('DELETE FROM knowledge_search WHERE rowid = ?');
  }

  search(auth: AuthContext, query: KnowledgeQuery): KnowledgeList {
    const where: string[] = [];
    const params: unknown[] = [];
    const visible = visibleInboxIds(auth);
    if (visible) {
      where.push(`(json_array_length(e.inbox_ids) = 0 OR EXISTS (SELECT 1 FROM json_each(e.inbox_ids) WHERE value IN (${visible.map(() => '?').join(',') || 'NULL'})))`);
      params.push(...visible);
    }
    let preferred: Locale | null = query.language ?? null;
    const inboxId = query.conversationId ? this.#conversationInbox(auth, query.conversationId) : query.inboxId;
    if (query.conversationId && !preferred) preferred = this.#customerLanguage(query.conversationId);
    preferred ??= auth.user.locale ?? null;
    if (inboxId !== undefined) {
      where.push('(json_array_length(e.inbox_ids) = 0 OR EXISTS (SELECT 1 FROM json_each(e.inbox_ids) WHERE value = ?))');
      params.push(inboxId);
    }
    if (query.language) where.push('(e.language IS NULL OR e.language = ?)'), params.push(query.language);
    if (query.kind) where.push('e.kind = ?'), params.push(query.kind);

    let from = 'knowledge_entries e';
    let score = '0';
    const q = query.q ?? '';
    if (q) {
      const match = ftsQuery(q);
      if (!match) return { items: [], preferredLanguage: preferred };
      // Column weights: shortcut, title, body, tags.
      from = `(SELECT rowid, bm25(knowledge_search, 10.0, 5.0, 1.0, 2.0) AS score FROM knowledge_search WHERE knowledge_search MATCH ?) s JOIN knowledge_entries e ON e.id = s.rowid`;
      score = 's.score';
      params.unshift(match);
    }
    const sql = `SELECT ${COLUMNS}, ${score} AS score FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${q ? 's.score, ' : ''}e.title LIMIT ${CANDIDATES}`;
    const rows = this.cache.get<unknown[], SearchRow>(sql).all(...params);
    const parsed = rows.map((r) => ({ ...r, tags: JSON.parse(r.tags) as string[], inboxIds: JSON.parse(r.inboxIds) as number[] }));
    const items = rankEntries(parsed, q, preferred).slice(0, query.limit).map(toEntry);
    return { items, preferredLanguage: preferred };
  }

  get(auth: AuthContext, id: number): KnowledgeEntry {
    return toEntry(this.#visibleRow(auth, id));
  }

  create(auth: AuthContext, input: CreateKnowledgeBody): KnowledgeEntry {
    requireRole(auth, 'lead');
    this.#assertInboxes(auth, input.inboxIds);
    const now = Date.now();
    const row = this.db.$client
      .transaction(() => {
        const r = this.db
          .insert(knowledgeEntries)
          .values({ ...input, tags: unique(input.tags), inboxIds: unique(input.inboxIds), createdBy: auth.user.id, updatedBy: auth.user.id, createdAt: now, updatedAt: now })
          .returning()
          .get();
        this.#index(r);
        this.#audit(auth, 'knowledge.created', r.id, { title: r.title });
        return r;
      })
      .immediate();
    return toEntry(row);
  }

  update(auth: AuthContext, id: number, patch: PatchKnowledgeBody): KnowledgeEntry {
    requireRole(auth, 'lead');
    this.#visibleRow(auth, id);
    if (patch.inboxIds) this.#assertInboxes(auth, patch.inboxIds);
    const row = this.db.$client
      .transaction(() => {
        const r = this.db
          .update(knowledgeEntries)
          .set({
            ...patch,
            ...(patch.tags ? { tags: unique(patch.tags) } : {}),
            ...(patch.inboxIds ? { inboxIds: unique(patch.inboxIds) } : {}),
            updatedBy: auth.user.id,
            updatedAt: Date.now(),
          })
          .where(eq(knowledgeEntries.id, id))
          .returning()
          .get();
        this.#ftsDelete.run(id);
        this.#index(r);
        this.#audit(auth, 'knowledge.updated', id, { fields: Object.keys(patch) });
        return r;
      })
      .immediate();
    return toEntry(row);
  }

  remove(auth: AuthContext, id: number): void {
    requireRole(auth, 'lead');
    const row = this.#visibleRow(auth, id);
    this.db.$client
      .transaction(() => {
        this.db.delete(knowledgeEntries).where(eq(knowledgeEntries.id, id)).run();
        this.#ftsDelete.run(id);
        this.#audit(auth, 'knowledge.deleted', id, { title: row.title });
      })
      .immediate();
  }

  /** An entry restricted to inboxes the caller cannot see does not exist for them. */
  #visibleRow(auth: AuthContext, id: number): Row {
    const row = this.db.select().from(knowledgeEntries).where(eq(knowledgeEntries.id, id)).get();
    if (!row) throw notFound('knowledge entry');
    if (row.inboxIds.length && !row.inboxIds.some((i) => canSeeInbox(auth, i))) throw notFound('knowledge entry');
    return row;
  }

  #assertInboxes(auth: AuthContext, ids: number[]): void {
    if (!ids.length) return;
    const found = new Set(this.db.select({ id: inboxes.id }).from(inboxes).where(inArray(inboxes.id, ids)).all().map((r) => r.id));
    const bad = ids.find((i) => !found.has(i) || !canSeeInbox(auth, i));
    if (bad !== undefined) throw badRequest(`inboxIds: no inbox ${bad} that you can see`, 'unknown_inbox');
  }

  #conversationInbox(auth: AuthContext, conversationId: number): number {
    return this.conversations.visibleRow(auth, conversationId).inboxId;
  }

  #customerLanguage(conversationId: number): Locale | null {
    const texts = this.cache
      .get<[number], string>("SELECT text FROM messages WHERE conversation_id = ? AND direction = 'incoming' ORDER BY id DESC LIMIT 5")
      .pluck()
      .all(conversationId);
    return guessLanguage(texts);
  }

  #index(r: Row): void {
    this.#ftsInsert.run({ id: r.id, ...searchColumns(r) });
  }

  #audit(auth: AuthContext, action: string, targetId: number, data: Record<string, unknown>): void {
    this.db.insert(auditLog).values({ actorId: auth.user.id, action, targetType: 'knowledge_entry', targetId, data, createdAt: Date.now() }).run();
  }
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];
