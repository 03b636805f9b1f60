/**
 * The composer's text for one conversation: a reply draft and a note draft, each kept in
 * IndexedDB within 300 ms of the last keystroke and saved to the server shortly after, so it
 * survives a reload, a crash or a lost network and follows the agent to another device. When
 * another device changed the same draft, `conflict` holds both texts for the agent to choose.
 */
import type { Draft, DraftKind } from '$lib/shared/schemas/draft';
import type { DraftContent, SyncOutcome } from '$lib/client/offline/draft-store';
import type { OfflineState } from './offline.svelte';

const LOCAL_MS = 250;
const SERVER_MS = 1_500;
const MODE_KEY = (id: number) => `sb_composer_mode:${id}`;

export interface DraftConflict {
  kind: DraftKind;
  mine: DraftContent;
  theirs: Draft;
}

const blank = (): DraftContent => ({ text: '', subject: null, cc: [] });

export class ComposerDraft {
  mode = $state<DraftKind>('reply');
  content = $state<Record<DraftKind, DraftContent>>({ reply: blank(), note: blank() });
  conflict = $state<DraftConflict | null>(null);
  /** Set once the stored drafts were read (the composer stays usable before). */
  loaded = $state(false);

  #localTimer: ReturnType<typeof setTimeout> | undefined;
  #serverTimer: ReturnType<typeof setTimeout> | undefined;
  #touched = false;
  /** Typed here and not yet in IndexedDB: a draft from elsewhere must not replace it meanwhile. */
  #unsaved = new Set<DraftKind>();
  #stop: () => void;

  constructor(
    readonly conversationId: number,
    private readonly offline: OfflineState,
  ) {
    try {
      if (localStorage.getItem(MODE_KEY(conversationId)) === 'note') this.mode = 'note';
    } catch {
      // storage blocked: start with a reply
    }
    this.#stop = offline.onRemoteDraft((outcome, draft) => {
      if (draft.conversationId === conversationId) this.#take(outcome, draft.kind);
    });
  }

  get text(): string {
    return this.content[this.mode].text;
  }

  set text(value: string) {
    this.content[this.mode] = { ...this.content[this.mode], text: value };
  }

  async load(): Promise<void> {
    await this.offline.ready;
    for (const kind of ['reply', 'note'] as const) {
      const local = await this.offline.drafts.load(this.conversationId, kind);
      if (local && !this.#touched) this.content[kind] = { text: local.text, subject: local.subject, cc: local.cc };
    }
    this.loaded = true;
    // Typed here while offline: save it now. Then see what the other devices have.
    for (const kind of ['reply', 'note'] as const) this.#take(await this.offline.drafts.push(this.conversationId, kind), kind);
    const outcomes = await this.offline.drafts.pull(this.conversationId);
    outcomes.forEach((o, i) => this.#take(o, i === 0 ? 'reply' : 'note'));
  }

  /** After each keystroke (or field change). */
  changed(): void {
    this.#touched = true;
    this.#unsaved.add(this.mode);
    clearTimeout(this.#localTimer);
    this.#localTimer = setTimeout(() => void this.#saveLocal(this.mode), LOCAL_MS);
    clearTimeout(this.#serverTimer);
    this.#serverTimer = setTimeout(() => void this.#push(this.mode), SERVER_MS);
  }

  setMode(kind: DraftKind): void {
    if (kind === this.mode) return;
    void this.flush();
    this.mode = kind;
    try {
      localStorage.setItem(MODE_KEY(this.conversationId), kind);
    } catch {
      // not remembered; harmless
    }
  }

  /** Saves at once (leaving the conversation, closing the tab, before an update reloads). */
  async flush(): Promise<void> {
    if (!this.#touched) return;
    clearTimeout(this.#localTimer);
    await this.#saveLocal(this.mode);
    clearTimeout(this.#serverTimer);
    void this.#push(this.mode);
  }

  /**
   * The reply or note is being handed to the outbox. The composer empties at once; the stored
   * draft is emptied only once the outbox has the text (`queued` resolved), so a tab closed in
   * between still has it as a draft. The server clears its copy when the message arrives; until
   * then the empty local draft stands for it, so an older server copy never brings it back.
   */
  async sent(kind: DraftKind, queued: Promise<void>): Promise<void> {
    clearTimeout(this.#localTimer);
    clearTimeout(this.#serverTimer);
    this.content[kind] = blank();
    await queued;
    await this.#saveLocal(kind);
  }

  /** The agent's answer to a conflict: keep this device's text, take the other's, or both. */
  async resolve(choice: 'mine' | 'theirs' | 'both'): Promise<void> {
    // A plain copy: IndexedDB cannot store the reactive proxies of $state.
    const c = $state.snapshot(this.conflict);
    if (!c) return;
    const merged: DraftContent =
      choice === 'mine' ? c.mine : choice === 'theirs' ? { text: c.theirs.text, subject: c.theirs.subject, cc: c.theirs.cc } : { ...c.mine, text: `${c.theirs.text}\n\n${c.mine.text}`.trim() };
    this.conflict = null;
    this.content[c.kind] = merged;
    this.#take(await this.offline.drafts.resolve(this.conversationId, c.kind, merged, c.theirs.revision), c.kind);
  }

  dispose(): void {
    void this.flush();
    this.#stop();
  }

  async #saveLocal(kind: DraftKind) {
    await this.offline.ready;
    const content = $state.snapshot(this.content[kind]);
    await this.offline.drafts.saveLocal(this.conversationId, kind, content);
    if (this.content[kind].text === content.text) this.#unsaved.delete(kind);
  }

  async #push(kind: DraftKind) {
    await this.#saveLocal(kind);
    this.#take(await this.offline.drafts.push(this.conversationId, kind), kind);
  }

  #take(outcome: SyncOutcome, kind: DraftKind) {
    if (outcome.state === 'updated') {
      // Saved locally in a moment (dirty), then reconciled by the next save: never lost here.
      if (this.#unsaved.has(kind)) return;
      this.content[kind] = { text: outcome.draft.text, subject: outcome.draft.subject, cc: outcome.draft.cc };
    } else if (outcome.state === 'conflict') {
      this.conflict = { kind, mine: { text: outcome.mine.text, subject: outcome.mine.subject, cc: outcome.mine.cc }, theirs: outcome.theirs };
    }
  }
}
