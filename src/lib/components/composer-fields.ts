/**
 * Extra reply fields by the inbox's channel (the console's counterpart of the server's adapter
 * registry): email adds subject, Cc and attachments; the other channels send text only.
 */
import type { Component } from 'svelte';
import type { ChannelKind } from '$lib/shared/schemas/common';
import type { ThreadState, ReplyExtras } from '$lib/state/thread.svelte';
import type { ComposerDraft } from '$lib/state/composer-draft.svelte';
import EmailComposerFields from './email/EmailComposerFields.svelte';

export interface ComposerFieldsApi {
  /** False while something would make the send wrong (an upload still running, an invalid Cc). */
  ready(): boolean;
  /** The extra fields of this reply, for the send (which empties the draft they are kept in). */
  take(): ReplyExtras;
}

/** The fields keep their values in the reply draft (`draft.content.reply`), like its text. */
export type ComposerFields = Component<{ thread: ThreadState; draft: ComposerDraft }, ComposerFieldsApi>;

export const composerFields: Record<ChannelKind, ComposerFields | null> = {
  email: EmailComposerFields,
  api: null,
  chat: null,
  messenger: null,
  instagram: null,
  whatsapp: null,
  telegram: null,
};
