/**
 * Drafts: every change is in IndexedDB first (the composer writes within 300 ms of the last
 * keystroke), then saved to the server with compare-and-set so the agent's other devices see
 * it. When two devices edited the same draft, nothing is overwritten: the caller gets both texts.
 * An email reply's subject, Cc and uploaded files are part of the draft, saved and compared with it.
 */
import type { Draft, DraftKind, DraftPair, PutDraftBody } from '$lib/shared/schemas/draft';
import type { UploadedAttachment } from '$lib/shared/schemas/message';
import type { LocalDraft, OfflineDb } from './offline-db';

export interface DraftContent {
  text: string;
  subject: string | null;
  cc: string[];
  attachments: UploadedAttachment[];
}

/** A draft as kept in this browser, with every field present. */
export type KeptDraft = Omit<LocalDraft, 'attachments'> & DraftContent;

export type PutResult = { ok: true; draft: Draft } | { ok: false; current: Draft };

/** The server side of drafts; throws when it cannot be reached. */
export interface DraftRemote {
  get(conversationId: number): Promise<DraftPair>;
  put(conversationId: number, body: PutDraftBody): Promise<PutResult>;
}

/** What a sync found: in step, the server's newer text (taken), or two texts to reconcile. */
export type SyncOutcome = { state: 'saved' | 'unchanged' | 'offline' } | { state: 'updated'; draft: KeptDraft } | { state: 'conflict'; mine: KeptDraft; theirs: Draft };

const sameList = <T>(a: T[], b: T[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Same text and fields; files are compared by id. */
export const sameDraft = (a: DraftContent, b: DraftContent) =>
  a.text === b.text &&
  (a.subject ?? null) === (b.subject ?? null) &&
  sameList(a.cc, b.cc) &&
  sameList(
    a.attachments.map((f) => f.id),
    b.attachments.map((f) => f.id),
  );

export const contentOf = (d: DraftContent): DraftContent => ({ text: d.text, subject: d.subject, cc: d.cc, attachments: d.attachments });

// Drafts stored before files were part of them have none.
const kept = (d: LocalDraft | undefined): KeptDraft | undefined => d && { ...d, attachments: d.attachments ?? [] };

export class DraftStore {
  /** One save at a time per draft: two saves on the same revision would refuse each other. */
  #saving = new Map<string, Promise<SyncOutcome>>();

  constructor(
    private readonly db: OfflineDb,
    private readonly remote: DraftRemote,
  ) {}

  async load(conversationId: number, kind: DraftKind): Promise<KeptDraft | undefined> {
    return kept(await this.db.get('drafts', [conversationId, kind]));
  }

  /** Keeps what was typed on this device; it reaches the server with the next `push`. */
  async saveLocal(conversationId: number, kind: DraftKind, content: DraftContent): Promise<KeptDraft> {
    const tx = this.db.transaction('drafts', 'readwrite');
    const current = kept(await tx.store.get([conversationId, kind]));
    const next: KeptDraft = { conversationId, kind, ...contentOf(content), baseRevision: current?.baseRevision ?? 0, dirty: !current || current.dirty || !sameDraft(current, content), updatedAt: Date.now() };
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
      const body: PutDraftBody = { kind, text: local.text, subject: local.subject, cc: local.cc, attachmentIds: local.attachments.map((a) => a.id), baseRevision: local.baseRevision };
      result = await this.remote.put(conversationId, body);
    } catch {
      return { state: 'offline' };
    }
    // The server already has what we have (e.g. saved from another tab): just catch up.
    if (!result.ok && !sameDraft(result.current, local)) return { state: 'conflict', mine: local, theirs: result.current };
    return this.#settle(local, result.ok ? result.draft : result.current);
  }

  /**
   * A draft from the server (a `draft.updated` event or a fetch). Taken when this device has no
   * unsaved change; a conflict when both changed the same revision.
   */
  async applyRemote(draft: Draft): Promise<SyncOutcome> {
    const local = await this.load(draft.conversationId, draft.kind);
    if (local ? draft.revision <= local.baseRevision : draft.revision === 0) return { state: 'unchanged' };
    if (local?.dirty && !sameDraft(local, draft)) return { state: 'conflict', mine: local, theirs: draft };
    const next: KeptDraft = { conversationId: draft.conversationId, kind: draft.kind, ...contentOf(draft), baseRevision: draft.revision, dirty: false, updatedAt: Date.now() };
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
    const next: KeptDraft = { conversationId, kind, ...contentOf(content), baseRevision: theirsRevision, dirty: true, updatedAt: Date.now() };
    await this.db.put('drafts', next);
    return this.push(conversationId, kind);
  }

  /** Everything typed while offline, for a flush on reconnect. */
  async dirty(): Promise<KeptDraft[]> {
    return (await this.db.getAll('drafts')).flatMap((d) => (d.dirty ? [kept(d)!] : []));
  }

  /**
   * The server stored `saved` for what was sent. Typing that went on during the request stays
   * unsaved, now based on the saved revision. The server may have left out files another device
   * sent meanwhile: then its version is taken (`updated`), so this device no longer offers them.
   */
  async #settle(sent: KeptDraft, saved: Draft): Promise<SyncOutcome> {
    const tx = this.db.transaction('drafts', 'readwrite');
    const now = kept(await tx.store.get([sent.conversationId, sent.kind]));
    let outcome: SyncOutcome = { state: 'saved' };
    if (now && !sameDraft(now, sent)) {
      await tx.store.put({ ...now, baseRevision: saved.revision, dirty: true });
    } else if (now && !sameDraft(saved, sent)) {
      const next: KeptDraft = { ...now, ...contentOf(saved), baseRevision: saved.revision, dirty: false };
      await tx.store.put(next);
      outcome = { state: 'updated', draft: next };
    } else if (now) {
      await tx.store.put({ ...now, baseRevision: saved.revision, dirty: false });
    }
    await tx.done;
    return outcome;
  }
}
