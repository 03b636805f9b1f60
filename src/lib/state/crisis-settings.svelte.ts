import type { CrisisSettings } from '$lib/shared/schemas/incident';
import { api, ApiError, errorMessage } from '$lib/client/api';

type Issue = { path?: unknown[]; message?: string };
const MAX_COMPONENTS = 50;

/**
 * The crisis settings form: the status page's component list (ordered), the team chat webhook.
 * The server's 400 issues land at their field; a lead reads the settings but cannot save them.
 */
export class CrisisSettingsState {
  components = $state<string[]>([]);
  webhookUrl = $state('');
  webhookFormat = $state<CrisisSettings['webhookFormat']>('slack');
  loaded = $state(false);
  busy = $state(false);
  loadError = $state<string | null>(null);
  formError = $state<string | null>(null);
  /** Field errors by key: `webhookUrl`, `components`, `newComponent`. */
  errors = $state<Record<string, string>>({});

  constructor(readonly canWrite: boolean) {}

  async load() {
    this.loadError = null;
    try {
      this.#apply(await api<CrisisSettings>('/api/crisis/settings'));
      this.loaded = true;
    } catch (err) {
      this.loadError = errorMessage(err);
    }
  }

  #apply(s: CrisisSettings) {
    this.components = s.components;
    this.webhookUrl = s.webhookUrl ?? '';
    this.webhookFormat = s.webhookFormat;
  }

  /** Adds a component unless it is empty or already listed (ignoring case); true when added. */
  add(name: string): boolean {
    const clean = name.trim();
    const { newComponent: _, ...rest } = this.errors;
    this.errors = rest;
    if (!clean) return false;
    if (clean.length > 60) return this.#fieldError('newComponent', 'at most 60 characters');
    if (this.components.some((c) => c.toLowerCase() === clean.toLowerCase())) return this.#fieldError('newComponent', `“${clean}” is already listed`);
    if (this.components.length >= MAX_COMPONENTS) return this.#fieldError('newComponent', `at most ${MAX_COMPONENTS} components`);
    this.components = [...this.components, clean];
    return true;
  }

  #fieldError(key: string, message: string): false {
    this.errors = { ...this.errors, [key]: message };
    return false;
  }

  remove(index: number) {
    this.components = this.components.filter((_, i) => i !== index);
  }

  move(index: number, delta: -1 | 1) {
    const to = index + delta;
    if (to < 0 || to >= this.components.length) return;
    const next = this.components.slice();
    [next[index], next[to]] = [next[to]!, next[index]!];
    this.components = next;
  }

  body(): CrisisSettings {
    const url = this.webhookUrl.trim();
    return { components: this.components, webhookUrl: url || null, webhookFormat: this.webhookFormat };
  }

  /** Saves; true on success. */
  async save(): Promise<boolean> {
    this.busy = true;
    this.formError = null;
    this.errors = {};
    try {
      this.#apply(await api<CrisisSettings>('/api/crisis/settings', { method: 'PUT', body: this.body() }));
      return true;
    } catch (err) {
      const issues = err instanceof ApiError ? (err.issues as Issue[]) : [];
      const placed: Record<string, string> = {};
      for (const i of issues) {
        const key = String(i.path?.[0] ?? '');
        if ((key === 'webhookUrl' || key === 'components') && !placed[key]) placed[key] = i.message ?? 'invalid';
      }
      this.errors = placed;
      if (!Object.keys(placed).length) this.formError = errorMessage(err);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
