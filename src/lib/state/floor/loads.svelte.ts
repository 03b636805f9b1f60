import type { AgentLoad } from '$lib/shared/schemas/floor';
import { api, errorMessage } from '$lib/client/api';

/** Agents' open assigned conversations against their capacity (`GET /api/floor/load`). */
export class LoadsState {
  items = $state<AgentLoad[] | null>(null);
  error = $state<string | null>(null);
  saving = $state<number | null>(null);

  async load(): Promise<void> {
    try {
      this.items = (await api<{ items: AgentLoad[] }>('/api/floor/load')).items;
      this.error = null;
    } catch (err) {
      this.error = errorMessage(err);
      this.items ??= [];
    }
  }

  mine(userId: number): AgentLoad | undefined {
    return this.items?.find((l) => l.userId === userId);
  }

  /** Supervisors and admins: `PUT /api/users/{id}/capacity`. */
  async setCapacity(userId: number, capacity: number): Promise<boolean> {
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 100) return false;
    this.saving = userId;
    this.error = null;
    try {
      const saved = await api<AgentLoad>(`/api/users/${userId}/capacity`, { method: 'PUT', body: { capacity } });
      this.items = (this.items ?? []).map((l) => (l.userId === userId ? saved : l));
      return true;
    } catch (err) {
      this.error = errorMessage(err);
      return false;
    } finally {
      this.saving = null;
    }
  }
}
