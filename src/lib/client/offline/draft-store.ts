/**
 * Drafts: every change is in IndexedDB first (the composer writes within 300 ms of the last
 * keystroke), then saved to the server with compare-and-set so the agent's other devices see
 * it. When two devices edited the same draft, nothing is overwritten: the caller gets both texts.
 */
import type { Draft, DraftKind, DraftPair, PutDraftBody } from '$lib/shared/schemas/draft';
import type { LocalDraft, OfflineDb } from './offline-db';

export type DraftContent = Pick<LocalDraft, 'text' | 'subject' | 'cc'>;

export type PutResult = { ok: true; draft: Draft } | { ok: false; current: Draft };

/** The server side of drafts; throws when it cannot be reached. */
export interface DraftRemote {
  get(conversationId: number): Promise<DraftPair>;
  put(conversationId: number, body: PutDraftBody): Promise<PutResult>;
}

/** What a sync found: in step, the server's newer text (taken), or two texts to reconcile. */
export type SyncOutcome = { state: 'saved' | 'unchanged' | 'offline' } | { state: 'updated'; draft: LocalDraft } | { state: 'conflict'; mine: LocalDraft; theirs: Draft };

const EMPTY: DraftContent = { text: '', subject: null, cc: [] };

const same = (a: DraftContent, b: DraftContent) => a.text === b.text && (a.subject ?? null) === (b.subject ?? null) && a.cc.join('\n') === b.cc.join('\n');

export const isEmptyDraft = (d: DraftContent) => same(d, EMPTY);

export class DraftStore {
  /** One save at a time per draft: two saves on the same revision would refuse each other. */
  #saving = new Map<string, Promise<SyncOutcome>>();

  constructor(
    private readonly db: OfflineDb,
    private readonly remote: DraftRemote,
  ) {}

  async load(conversationId: number, kind: DraftKind): Promise<LocalDraft | undefined> {
    return this.db.get('drafts', [conversationId, kind]);
  }

  /** Keeps what was typed on this device; it reaches the server with the next `push`. */
  async saveLocal(conversationId: number, kind: DraftKind, content: DraftContent): Promise<LocalDraft> {
    const tx = this.db.transaction('drafts', 'readwrite');
    const current = await tx.store.get([conversationId, kind]);
    const next: LocalDraft = { conversationId, kind, ...content, baseRevision: current?.baseRevision ?? 0, dirty: !current || current.dirty || !same(current, content), updatedAt: Date.now() };
    await tx.store.put(next);
    await tx.done;
    return next;
  }

  /** Saves this device's change on the server, on the revision it was based on. */
  push(conversationId: number, kind: DraftKind): Promise<SyncOutcome> {
    const key = `${conversationId}:${kind}`;
    const next = (this.#saving.get(key) ?? Promise.resolve<SyncOutcome>({ state: 'unchanged' })).then(
      () => this.#push(conversationId, kind),
      () => this.#push(conversationId, kind),
    );
    this.#saving.set(key, next);
    void next.finally(() => {
      if (this.#saving.get(key) === next) this.#saving.delete(key);
    });
    return next;
  }

  async #push(conversationId: number, kind: DraftKind): Promise<SyncOutcome> {
    const local = await this.load(conversationId, kind);
    if (!local?.dirty) return { state: 'unchanged' };
    let result: PutResult;
    try {
      result = await this.remote.put(conversationId, { kind, text: local.text, subject: local.subject, cc: local.cc, baseRevision: local.baseRevision });
    } catch {
      return { state: 'offline' };
    }
    if (!result.ok) {
      // The server already has what we have (e.g. saved from another tab): just catch up.
      if (same(result.current, local)) return this.#settle(local, result.current.revision, 'saved');
      return { state: 'conflict', mine: local, theirs: result.current };
    }
    return this.#settle(local, result.draft.revision, 'saved');
  }

  /**
   * A draft from the server (a `draft.updated` event or a fetch). Taken when this device has no
   * unsaved change; a conflict when both changed the same revision.
   */
  async applyRemote(draft: Draft): Promise<SyncOutcome> {
    const local = await this.load(draft.conversationId, draft.kind);
    if (local ? draft.revision <= local.baseRevision : draft.revision === 0) return { state: 'unchanged' };
    if (local?.dirty && !same(local, draft)) return { state: 'conflict', mine: local, theirs: draft };
    const next: LocalDraft = { conversationId: draft.conversationId, kind: draft.kind, text: draft.text, subject: draft.subject, cc: draft.cc, baseRevision: draft.revision, dirty: false, updatedAt: Date.now() };
    await this.db.put('drafts', next);
    return { state: 'updated', draft: next };
  }

  /** Fetches both drafts of a conversation from the server and merges them in. */
  async pull(conversationId: number): Promise<SyncOutcome[]> {
    let pair: DraftPair;
    try {
      pair = await this.remote.get(conversationId);
    } catch {
      return [{ state: 'offline' }];
    }
    return Promise.all([this.applyRemote(pair.reply), this.applyRemote(pair.note)]);
  }

  /** The agent chose the text to keep after a conflict: it is saved on top of the server's revision. */
  async resolve(conversationId: number, kind: DraftKind, content: DraftContent, theirsRevision: number): Promise<SyncOutcome> {
    await this.db.put('drafts', { conversationId, kind, ...content, baseRevision: theirsRevision, dirty: true, updatedAt: Date.now() });
    return this.push(conversationId, kind);
  }

  /** Everything typed while offline, for a flush on reconnect. */
  async dirty(): Promise<LocalDraft[]> {
    return (await this.db.getAll('drafts')).filter((d) => d.dirty);
  }

  async #settle(sent: LocalDraft, revision: number, state: 'saved'): Promise<SyncOutcome> {
    const tx = this.db.transaction('drafts', 'readwrite');
    const now = await tx.store.get([sent.conversationId, sent.kind]);
    // Typing went on during the request: keep it dirty, now based on the saved revision.
    if (now) await tx.store.put({ ...now, baseRevision: revision, dirty: !same(now, sent) });
    await tx.done;
    return { state };
  }
}
