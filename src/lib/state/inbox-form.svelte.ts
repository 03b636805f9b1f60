import { tick } from 'svelte';
import * as m from '$lib/paraglide/messages';
import type { ChannelKind } from '$lib/shared/schemas/common';
import type { Inbox } from '$lib/shared/schemas/inbox';
import { api, ApiError, errorMessage } from '$lib/client/api';
import { CHANNELS, type FieldSpec } from '$lib/components/settings/channels/channel-catalog';

export type SavedInbox = Inbox & { revealed?: Record<string, string> };
type Issue = { path?: unknown[]; message?: string; code?: string; keys?: string[] };

const asText = (v: unknown): string => (Array.isArray(v) ? v.join('\n') : typeof v === 'string' ? v : '');
const listOf = (text: string) => text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);

/**
 * The create and edit form of one inbox: values per field of its channel, the body the server
 * expects, and the server's 400 issues placed at their fields. Secrets are write-only: on edit
 * they start empty, and empty means "keep".
 */
export class InboxFormState {
  name = $state('');
  values = $state<Record<string, string>>({});
  errors = $state<Record<string, string>>({});
  formError = $state<string | null>(null);
  busy = $state(false);
  readonly #initial: Record<string, string> = {};

  constructor(
    readonly channel: ChannelKind,
    readonly inbox: Inbox | null = null,
  ) {
    for (const f of this.fields) this.#initial[f.key] = f.kind === 'secret' || !inbox ? '' : asText(inbox.settings[f.key]);
    this.values = { ...this.#initial };
    this.name = inbox?.name ?? '';
  }

  get fields(): FieldSpec[] {
    return CHANNELS[this.channel].fields;
  }

  /** The JSON body: on create every filled field, on edit only what changed. */
  body(): Record<string, unknown> {
    const body: Record<string, unknown> = this.inbox ? {} : { channel: this.channel };
    const name = this.name.trim();
    if (!this.inbox || name !== this.inbox.name) body.name = name;
    for (const f of this.fields) {
      const raw = (this.values[f.key] ?? '').trim();
      if (this.inbox && raw === this.#initial[f.key].trim()) continue;
      if (!raw) {
        if (this.inbox && f.clearable && f.kind !== 'secret') body[f.key] = null;
        continue;
      }
      body[f.key] = f.kind === 'list' ? listOf(raw) : raw;
    }
    return body;
  }

  get dirty(): boolean {
    return Object.keys(this.body()).some((k) => k !== 'channel');
  }

  async submit(): Promise<SavedInbox | null> {
    this.errors = {};
    this.formError = null;
    if (!this.name.trim()) {
      this.errors = { name: m.channels_error_name_required() };
      return null;
    }
    this.busy = true;
    try {
      const saved = this.inbox
        ? await api<SavedInbox>(`/api/inboxes/${this.inbox.id}`, { method: 'PATCH', body: this.body() })
        : await api<SavedInbox>('/api/inboxes', { method: 'POST', body: this.body() });
      for (const f of this.fields) if (f.kind === 'secret') this.values[f.key] = '';
      return saved;
    } catch (err) {
      this.#showError(err);
      return null;
    } finally {
      this.busy = false;
    }
  }

  #showError(err: unknown) {
    if (err instanceof ApiError && err.code === 'unsupported_channel') {
      this.formError = m.channels_error_unsupported();
      return;
    }
    const known = new Set(['name', ...this.fields.map((f) => f.key)]);
    const errors: Record<string, string> = {};
    const rest: string[] = [];
    for (const issue of err instanceof ApiError ? (err.issues as Issue[]) : []) {
      const keys = issue.code === 'unrecognized_keys' ? (issue.keys ?? []) : [String(issue.path?.[0] ?? '')];
      for (const key of keys) {
        if (known.has(key)) errors[key] ??= issue.code === 'unrecognized_keys' ? m.channels_error_not_accepted() : (issue.message ?? '');
        else rest.push(issue.message ?? '');
      }
    }
    this.errors = errors;
    if (!Object.keys(errors).length || rest.length) this.formError = Object.keys(errors).length ? rest.join('; ') : errorMessage(err);
  }
}

/** After a refused submit, the first field the server pointed at gets the focus (once rendered). */
export async function focusFirstInvalid(form: HTMLFormElement): Promise<void> {
  await tick();
  form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
