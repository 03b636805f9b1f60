import type { Inbox } from '$lib/shared/schemas/inbox';
import type { UserSummary } from '$lib/shared/schemas/user';
import { api, errorMessage } from '$lib/client/api';
import { takeRevealed } from '$lib/client/revealed-once';
import type { SavedInbox } from './inbox-form.svelte';

/** One inbox's settings page: the inbox, the team for the member picker, and secrets shown once. */
export class InboxSettingsState {
  inbox = $state.raw<Inbox | null>(null);
  users = $state.raw<UserSummary[]>([]);
  error = $state<string | null>(null);
  notFound = $state(false);
  revealed = $state<Record<string, string>>({});

  constructor(readonly id: number) {
    this.revealed = takeRevealed(id);
  }

  async load(): Promise<void> {
    try {
      const [inbox, users] = await Promise.all([api<Inbox>(`/api/inboxes/${this.id}`), api<{ items: UserSummary[] }>('/api/users')]);
      this.inbox = inbox;
      this.users = users.items.slice().sort((a, b) => a.name.localeCompare(b.name));
    } catch (err) {
      this.notFound = err instanceof Error && 'status' in err && err.status === 404;
      this.error = errorMessage(err);
    }
  }

  saved(result: SavedInbox): void {
    const { revealed, ...inbox } = result;
    this.inbox = inbox;
    if (revealed && Object.keys(revealed).length) this.revealed = { ...this.revealed, ...revealed };
  }

  dismissRevealed(): void {
    this.revealed = {};
  }
}
