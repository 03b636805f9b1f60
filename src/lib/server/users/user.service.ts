import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateUserBody, PatchMeBody, PatchUserBody, User } from '$lib/shared/schemas/user';
import type { Db } from '../db/client';
import { inboxMembers, sessions, users } from '../db/schema';
import { AppError, badRequest, conflict, notFound } from '../errors';
import { hashPassword, verifyPassword } from '../auth/passwords';
import type { EventBus } from '../events/event-bus';
import { toUser } from './user.mapper';

type CreateInput = z.output<typeof CreateUserBody>;

export class UserService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
  ) {}

  async create(input: CreateInput): Promise<User> {
    const passwordHash = await hashPassword(input.password);
    if (this.db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) {
      throw conflict('a user with this email exists', 'email_taken');
    }
    const row = this.db
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash, role: input.role, locale: input.locale ?? null, settings: {}, createdAt: Date.now() })
      .returning()
      .get();
    return toUser(row);
  }

  get(id: number): User {
    const row = this.db.select().from(users).where(eq(users.id, id)).get();
    if (!row) throw notFound('user');
    return toUser(row);
  }

  list() {
    return this.db.select().from(users).orderBy(asc(users.name)).all();
  }

  count(): number {
    return this.db.select({ n: count() }).from(users).get()?.n ?? 0;
  }

  findActiveByEmail(email: string) {
    return this.db.select().from(users).where(and(eq(users.email, email), isNull(users.disabledAt))).get();
  }

  memberInboxIds(userId: number): number[] {
    return this.db.select({ id: inboxMembers.inboxId }).from(inboxMembers).where(eq(inboxMembers.userId, userId)).all().map((r) => r.id);
  }

  async update(id: number, patch: z.output<typeof PatchUserBody>): Promise<User> {
    const current = this.db.select().from(users).where(eq(users.id, id)).get();
    if (!current) throw notFound('user');
    const values: Partial<typeof users.$inferInsert> = {};
    if (patch.name !== undefined) values.name = patch.name;
    if (patch.role !== undefined) values.role = patch.role;
    if (patch.locale !== undefined) values.locale = patch.locale;
    if (patch.password !== undefined) values.passwordHash = await hashPassword(patch.password);
    if (patch.disabled !== undefined) values.disabledAt = patch.disabled ? (current.disabledAt ?? Date.now()) : null;
    if (current.role === 'admin' && (values.role && values.role !== 'admin' || values.disabledAt)) this.#keepOneAdmin(id);
    const row = this.db.update(users).set(values).where(eq(users.id, id)).returning().get();
    if (patch.disabled || patch.password !== undefined) {
      this.db.delete(sessions).where(eq(sessions.userId, id)).run();
      this.bus.signal('session.ended', { userId: id, reason: patch.disabled ? 'disabled' : 'password_changed' });
    } else if (patch.role !== undefined && patch.role !== current.role) {
      this.bus.signal('access.changed', { userId: id });
    }
    return toUser(row);
  }

  async updateMe(id: number, patch: z.output<typeof PatchMeBody>): Promise<User> {
    const current = this.db.select().from(users).where(eq(users.id, id)).get();
    if (!current) throw notFound('user');
    const values: Partial<typeof users.$inferInsert> = {};
    if (patch.name !== undefined) values.name = patch.name;
    if (patch.locale !== undefined) values.locale = patch.locale;
    if (patch.settings) values.settings = { ...toUser(current).settings, ...patch.settings };
    if (patch.password !== undefined) {
      if (!patch.currentPassword || !(await verifyPassword(current.passwordHash, patch.currentPassword))) {
        throw new AppError(400, 'wrong_password', 'the current password is not right');
      }
      values.passwordHash = await hashPassword(patch.password);
    }
    if (Object.keys(values).length === 0) throw badRequest('nothing to change');
    return toUser(this.db.update(users).set(values).where(eq(users.id, id)).returning().get());
  }

  #keepOneAdmin(id: number) {
    const admins = this.db.select({ id: users.id }).from(users).where(and(eq(users.role, 'admin'), isNull(users.disabledAt))).all();
    if (admins.every((a) => a.id === id)) throw conflict('the last admin cannot be demoted or disabled', 'last_admin');
  }
}
