import type { CsatSettings } from '$lib/shared/schemas/csat';
import { api, errorMessage } from '$lib/client/api';

/** The survey settings form: on or off, and which inboxes send. Leads read, admins save. */
export class CsatSettingsState {
  enabled = $state(true);
  disabledInboxIds = $state<number[]>([]);
  loaded = $state(false);
  busy = $state(false);
  loadError = $state<string | null>(null);
  formError = $state<string | null>(null);

  constructor(readonly canWrite: boolean) {}

  async load() {
    this.loadError = null;
    try {
      this.#apply(await api<CsatSettings>('/api/csat/settings'));
      this.loaded = true;
    } catch (err) {
      this.loadError = errorMessage(err);
    }
  }

  #apply(s: CsatSettings) {
    this.enabled = s.enabled;
    this.disabledInboxIds = s.disabledInboxIds;
  }

  sends(inboxId: number): boolean {
    return !this.disabledInboxIds.includes(inboxId);
  }

  setSends(inboxId: number, sends: boolean) {
    const others = this.disabledInboxIds.filter((id) => id !== inboxId);
    this.disabledInboxIds = sends ? others : [...others, inboxId];
  }

  async save(): Promise<boolean> {
    this.busy = true;
    this.formError = null;
    try {
      this.#apply(await api<CsatSettings>('/api/csat/settings', { method: 'PUT', body: { enabled: this.enabled, disabledInboxIds: this.disabledInboxIds } }));
      return true;
    } catch (err) {
      this.formError = errorMessage(err);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
