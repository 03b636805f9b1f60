import { asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateTeamBody, PatchTeamBody, Team, TeamMemberInput } from '$lib/shared/schemas/floor';
import type { Db } from '../db/client';
import { teamMembers, teams, users } from '../db/schema';
import { badRequest, conflict, notFound } from '../errors';

type MemberInput = z.output<typeof TeamMemberInput>;

/** Teams of agents under leads (admins manage them; leads see their members' figures). */
export class TeamService {
  constructor(private readonly db: Db) {}

  list(): Team[] {
    const rows = this.db.select().from(teams).orderBy(asc(teams.name)).all();
    return this.#withMembers(rows);
  }

  get(id: number): Team {
    const row = this.db.select().from(teams).where(eq(teams.id, id)).get();
    if (!row) throw notFound('team');
    return this.#withMembers([row])[0];
  }

  create(input: z.output<typeof CreateTeamBody>): Team {
    this.#assertNameFree(input.name, null);
    const id = this.db.$client.transaction(() => {
      const row = this.db.insert(teams).values({ name: input.name, createdAt: Date.now() }).returning().get();
      this.#setMembers(row.id, input.members);
      return row.id;
    })();
    return this.get(id);
  }

  update(id: number, patch: z.output<typeof PatchTeamBody>): Team {
    this.get(id);
    if (patch.name !== undefined) this.#assertNameFree(patch.name, id);
    this.db.$client.transaction(() => {
      if (patch.name !== undefined) this.db.update(teams).set({ name: patch.name }).where(eq(teams.id, id)).run();
      if (patch.members !== undefined) this.#setMembers(id, patch.members);
    })();
    return this.get(id);
  }

  delete(id: number): void {
    if (this.db.delete(teams).where(eq(teams.id, id)).run().changes === 0) throw notFound('team');
  }

  #setMembers(teamId: number, members: MemberInput[]) {
    const byUser = new Map(members.map((m) => [m.userId, m.role]));
    const ids = [...byUser.keys()];
    const known = ids.length ? this.db.select({ id: users.id }).from(users).where(inArray(users.id, ids)).all().map((u) => u.id) : [];
    const unknown = ids.filter((i) => !known.includes(i));
    if (unknown.length) throw badRequest(`no such user: ${unknown.join(', ')}`, 'unknown_user');
    this.db.delete(teamMembers).where(eq(teamMembers.teamId, teamId)).run();
    for (const [userId, role] of byUser) this.db.insert(teamMembers).values({ teamId, userId, role }).run();
  }

  #assertNameFree(name: string, self: number | null) {
    const other = this.db.select({ id: teams.id }).from(teams).where(eq(teams.name, name)).get();
    if (other && other.id !== self) throw conflict('a team with this name exists', 'team_name_taken');
  }

  #withMembers(rows: (typeof teams.$inferSelect)[]): Team[] {
    if (!rows.length) return [];
    const members = this.db
      .select({ teamId: teamMembers.teamId, userId: teamMembers.userId, role: teamMembers.role, name: users.name })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(inArray(teamMembers.teamId, rows.map((r) => r.id)))
      .orderBy(asc(users.name))
      .all();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: new Date(r.createdAt).toISOString(),
      members: members.filter((m) => m.teamId === r.id).map((m) => ({ userId: m.userId, name: m.name, role: m.role })),
    }));
  }
}
