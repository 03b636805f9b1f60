import type { Team } from '$lib/shared/schemas/floor';
import type { UserSummary } from '$lib/shared/schemas/user';
import { api, errorMessage } from '$lib/client/api';

export type TeamRole = 'member' | 'lead';
export type MemberDraft = { userId: number; role: TeamRole };

/** Adds a user to a member list once (a second add keeps the first, with its role). */
export function withMember(members: MemberDraft[], userId: number): MemberDraft[] {
  return members.some((m) => m.userId === userId) ? members : [...members, { userId, role: 'member' }];
}

export function withRole(members: MemberDraft[], userId: number, role: TeamRole): MemberDraft[] {
  return members.map((m) => (m.userId === userId ? { ...m, role } : m));
}

/** Admins' teams page: the teams, the users to pick from, and edits (`/api/teams`). */
export class TeamsState {
  teams = $state<Team[] | null>(null);
  users = $state.raw<UserSummary[]>([]);
  error = $state<string | null>(null);
  busy = $state(false);

  async load(): Promise<void> {
    try {
      const [teams, users] = await Promise.all([api<{ items: Team[] }>('/api/teams'), api<{ items: UserSummary[] }>('/api/users')]);
      this.teams = teams.items;
      this.users = users.items.filter((u) => !u.disabled);
      this.error = null;
    } catch (err) {
      this.error = errorMessage(err);
      this.teams ??= [];
    }
  }

  async create(name: string): Promise<boolean> {
    return this.#write(() => api<Team>('/api/teams', { method: 'POST', body: { name: name.trim() } }));
  }

  async saveMembers(teamId: number, members: MemberDraft[]): Promise<boolean> {
    return this.#write(() => api<Team>(`/api/teams/${teamId}`, { method: 'PATCH', body: { members } }));
  }

  async remove(teamId: number): Promise<boolean> {
    return this.#write(() => api(`/api/teams/${teamId}`, { method: 'DELETE' }));
  }

  async #write(run: () => Promise<unknown>): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      await run();
      await this.load();
      return true;
    } catch (err) {
      this.error = errorMessage(err);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
