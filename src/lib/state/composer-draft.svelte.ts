/**
 * The composer's text for one conversation: a reply draft and a note draft, each kept in
 * IndexedDB within 300 ms of the last keystroke and saved to the server shortly after, so it
 * survives a reload, a crash or a lost network and follows the agent to another device. An email
 * reply's subject, Cc and uploaded files are part of the reply draft. When another device changed
 * the same draft, `conflict` holds both versions for the agent to choose.
 */
import type { Draft, DraftKind } from '$lib/shared/schemas/draft';
import { DRAFT_MAX_ATTACHMENTS, DRAFT_MAX_CC } from '$lib/shared/draft-limits';
import { contentOf, sameDraft, type DraftContent, type SyncOutcome } from '$lib/client/offline/draft-store';
import { forgetLegacyEmailDraft, readLegacyEmailDraft, type EmailFields } from '$lib/client/offline/legacy-email-draft';
import type { OfflineState } from './offline.svelte';

const LOCAL_MS = 250;
const SERVER_MS = 1_500;
const MODE_KEY = (id: number) => `sb_composer_mode:${id}`;
const KINDS = ['reply', 'note'] as const;

/** What the composer needs of the browser's offline store. */
export type DraftHost = Pick<OfflineState, 'ready' | 'drafts' | 'onRemoteDraft'>;

export interface DraftConflict {
  kind: DraftKind;
  mine: DraftContent;
  theirs: Draft;
}

const blank = (): DraftContent => ({ text: '', subject: null, cc: [], attachments: [] });

const union = <T>(a: T[], b: T[], key: (v: T) => unknown, max: number) => [...a, ...b.filter((v) => !a.some((w) => key(w) === key(v)))].slice(0, max);

/** Fills in fields of `content` that are empty there (a subject) and adds to the lists. */
function withFields(content: DraftContent, fields: EmailFields): DraftContent {
  return {
    text: content.text,
    subject: content.subject || fields.subject,
    cc: union(content.cc, fields.cc, (a) => a, DRAFT_MAX_CC),
    attachments: union(content.attachments, fields.attachments, (f) => f.id, DRAFT_MAX_ATTACHMENTS),
  };
}

/** "Keep both": both texts (one when they are the same), their subject when this one has none, every address and file. */
export function mergeBoth(mine: DraftContent, theirs: DraftContent): DraftContent {
  const text = mine.text === theirs.text ? mine.text : `${theirs.text}\n\n${mine.text}`.trim();
  return { ...withFields(mine, theirs), text };
}

export class ComposerDraft {
  mode = $state<DraftKind>('reply');
  content = $state<Record<DraftKind, DraftContent>>({ reply: blank(), note: blank() });
  conflict = $state<DraftConflict | null>(null);
  /** Set once the stored drafts were read (the composer stays usable before). */
  loaded = $state(false);

  #localTimer: ReturnType<typeof setTimeout> | undefined;
  #serverTimer: ReturnType<typeof setTimeout> | undefined;
  /** Changed here and not yet in IndexedDB: a draft from elsewhere must not replace it meanwhile. */
  #unsaved = new Set<DraftKind>();
  /** Changed here since the last save to the server. */
  #unpushed = new Set<DraftKind>();
  #touched = new Set<DraftKind>();
  #stop: () => void;

  constructor(
    readonly conversationId: number,
    private readonly offline: DraftHost,
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
    for (const kind of KINDS) {
      const local = await this.offline.drafts.load(this.conversationId, kind);
      if (local && !this.#touched.has(kind)) this.content[kind] = contentOf(local);
    }
    await this.#adoptLegacyEmailFields();
    this.loaded = true;
    // Typed here while offline: save it now. Then see what the other devices have.
    for (const kind of KINDS) this.#take(await this.offline.drafts.push(this.conversationId, kind), kind);
    const outcomes = await this.offline.drafts.pull(this.conversationId);
    outcomes.forEach((o, i) => this.#take(o, KINDS[i]!));
  }

  /** After each keystroke or field change of the draft of `kind` (the open one by default). */
  changed(kind: DraftKind = this.mode): void {
    this.#touched.add(kind);
    this.#unsaved.add(kind);
    this.#unpushed.add(kind);
    clearTimeout(this.#localTimer);
    this.#localTimer = setTimeout(() => void this.#saveAllLocal(), LOCAL_MS);
    clearTimeout(this.#serverTimer);
    this.#serverTimer = setTimeout(() => void this.#pushAll(), SERVER_MS);
  }

  /** Changes some fields of a draft (the email fields of the reply). */
  edit(kind: DraftKind, fields: Partial<DraftContent>): void {
    this.content[kind] = { ...this.content[kind], ...fields };
    this.changed(kind);
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
    clearTimeout(this.#localTimer);
    await this.#saveAllLocal();
    clearTimeout(this.#serverTimer);
    void this.#pushAll();
  }

  /**
   * The reply or note is being handed to the outbox. The composer empties at once; the stored
   * draft is emptied only once the outbox has the text (`queued` resolved), so a tab closed in
   * between still has it as a draft. The server clears its copy when the message arrives; until
   * then the empty local draft stands for it, so an older server copy never brings it back.
   */
  async sent(kind: DraftKind, queued: Promise<void>): Promise<void> {
    this.#unsaved.delete(kind);
    this.#unpushed.delete(kind);
    this.content[kind] = blank();
    await queued;
    await this.#saveLocal(kind);
  }

  /** The agent's answer to a conflict: keep this device's version, take the other's, or both. */
  async resolve(choice: 'mine' | 'theirs' | 'both'): Promise<void> {
    // A plain copy: IndexedDB cannot store the reactive proxies of $state.
    const c = $state.snapshot(this.conflict);
    if (!c) return;
    const merged = choice === 'mine' ? c.mine : choice === 'theirs' ? contentOf(c.theirs) : mergeBoth(c.mine, c.theirs);
    this.conflict = null;
    this.content[c.kind] = merged;
    this.#take(await this.offline.drafts.resolve(this.conversationId, c.kind, merged, c.theirs.revision), c.kind);
  }

  dispose(): void {
    void this.flush();
    this.#stop();
  }

  /** Email fields an earlier version kept in localStorage join the reply draft, once. */
  async #adoptLegacyEmailFields() {
    const legacy = readLegacyEmailDraft(this.conversationId);
    if (!legacy) return;
    const merged = withFields(this.content.reply, legacy);
    if (!sameDraft(merged, this.content.reply)) {
      this.content.reply = merged;
      this.#touched.add('reply');
      await this.#saveLocal('reply');
    }
    forgetLegacyEmailDraft(this.conversationId);
  }

  async #saveAllLocal() {
    for (const kind of [...this.#unsaved]) await this.#saveLocal(kind);
  }

  async #saveLocal(kind: DraftKind) {
    await this.offline.ready;
    const content = $state.snapshot(this.content[kind]);
    await this.offline.drafts.saveLocal(this.conversationId, kind, content);
    if (sameDraft(this.content[kind], content)) this.#unsaved.delete(kind);
  }

  async #pushAll() {
    const kinds = [...this.#unpushed];
    this.#unpushed.clear();
    await this.#saveAllLocal();
    for (const kind of kinds) this.#take(await this.offline.drafts.push(this.conversationId, kind), kind);
  }

  #take(outcome: SyncOutcome, kind: DraftKind) {
    if (outcome.state === 'updated') {
      // Saved locally in a moment (dirty), then reconciled by the next save: never lost here.
      if (this.#unsaved.has(kind)) return;
      this.content[kind] = contentOf(outcome.draft);
    } else if (outcome.state === 'conflict') {
      this.conflict = { kind, mine: contentOf(outcome.mine), theirs: outcome.theirs };
    }
  }
}
