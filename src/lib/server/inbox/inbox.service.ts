import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Inbox } from '$lib/shared/schemas/inbox';
import type { ChannelKind } from '$lib/shared/schemas/common';
import type { Db } from '../db/client';
import { inboxes, inboxMembers, users } from '../db/schema';
import { badRequest, conflict, notFound } from '../errors';
import type { EventBus } from '../events/event-bus';
import type { EventLog } from '../events/event-log';
import { channelAdapter } from '../channels/registry';
import type { InboxRecord } from '../channels/channel-adapter';
import { canSeeInbox, visibleInboxIds, type AuthContext } from '../auth/auth-context';
import { AppError } from '../errors';

/**
 * Secrets shown once: listed under `revealed` (so a client knows which fields are secrets) and,
 * for existing integrations, also at the top level.
 */
function withRevealed(inbox: Inbox, revealed: Record<string, string> | undefined) {
  return { ...inbox, ...revealed, revealed: revealed ?? {} };
}

export class InboxService {
  /** Every inbound request and outgoing message reads its inbox: built once, not per call. */
  readonly #byId;

  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly bus: EventBus,
    private readonly publicUrl: string,
  ) {
    this.#byId = db.select().from(inboxes).where(eq(inboxes.id, sql.placeholder('id'))).prepare();
  }

  create(input: { name: string; channel: string; settings: Record<string, unknown> }) {
    const adapter = channelAdapter(input.channel);
    const settings = adapter.createSchema.safeParse(input.settings);
    if (!settings.success) throw new AppError(400, 'invalid_settings', settings.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; '), settings.error.issues);
    const { config, revealed, routingKey } = adapter.setup(settings.data);
    this.#assertRoutingKeyFree(routingKey, null);
    // Admins see every inbox, so an event scoped to the new inbox reaches every admin console.
    const row = this.log.transact((events) => {
      const r = this.db.insert(inboxes).values({ name: input.name, channel: adapter.kind, config, routingKey: routingKey ?? null, createdAt: Date.now() }).returning().get();
      events.record('inbox.updated', { inboxId: r.id }, { inboxId: r.id });
      return r;
    });
    return withRevealed(this.#toInbox(row, []), revealed);
  }

  update(id: number, input: { name?: string; settings: Record<string, unknown> }) {
    const row = this.#row(id);
    const adapter = channelAdapter(row.channel);
    const patch = adapter.updateSchema.safeParse(input.settings);
    if (!patch.success) throw new AppError(400, 'invalid_settings', patch.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), patch.error.issues);
    const { config, revealed, routingKey } = adapter.update(row.config, patch.data as Record<string, unknown>);
    this.#assertRoutingKeyFree(routingKey, id);
    const updated = this.log.transact((events) => {
      const r = this.db
        .update(inboxes)
        .set({ name: input.name ?? row.name, config, ...(routingKey ? { routingKey } : {}) })
        .where(eq(inboxes.id, id))
        .returning()
        .get();
      events.record('inbox.updated', { inboxId: id }, { inboxId: id });
      return r;
    });
    return withRevealed(this.#toInbox(updated, this.#memberIds([id]).get(id) ?? []), revealed);
  }

  list(auth: AuthContext): Inbox[] {
    const ids = visibleInboxIds(auth);
    const rows = this.db
      .select()
      .from(inboxes)
      .where(ids ? inArray(inboxes.id, ids) : undefined)
      .orderBy(asc(inboxes.name))
      .all();
    const members = this.#memberIds(rows.map((r) => r.id));
    return rows.map((r) => this.#toInbox(r, members.get(r.id) ?? []));
  }

  get(auth: AuthContext, id: number): Inbox {
    const row = this.#row(id);
    if (!canSeeInbox(auth, id)) throw notFound('inbox');
    return this.#toInbox(row, this.#memberIds([id]).get(id) ?? []);
  }

  /** The inbox with its secrets, for channel code only. */
  record(id: number): InboxRecord {
    const row = this.#row(id);
    return { id: row.id, name: row.name, channel: row.channel as ChannelKind, config: row.config };
  }

  find(id: number): InboxRecord | null {
    try {
      return this.record(id);
    } catch {
      return null;
    }
  }

  addMember(inboxId: number, userId: number) {
    this.#row(inboxId);
    if (!this.db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get()) throw badRequest('no such user', 'unknown_user');
    this.log.transact((events) => {
      this.db.insert(inboxMembers).values({ inboxId, userId }).onConflictDoNothing().run();
      events.record('inbox.updated', { inboxId }, { inboxId });
    });
    this.bus.signal('access.changed', { userId });
  }

  removeMember(inboxId: number, userId: number) {
    this.#row(inboxId);
    this.log.transact((events) => {
      this.db.delete(inboxMembers).where(and(eq(inboxMembers.inboxId, inboxId), eq(inboxMembers.userId, userId))).run();
      events.record('inbox.updated', { inboxId }, { inboxId });
    });
    this.bus.signal('access.changed', { userId });
  }

  /** The inbox that inbound traffic with this routing key (e.g. `email:support@acme.com`) is for. */
  findByRoutingKey(key: string): InboxRecord | null {
    const row = this.db.select().from(inboxes).where(eq(inboxes.routingKey, key)).get();
    return row ? { id: row.id, name: row.name, channel: row.channel as ChannelKind, config: row.config } : null;
  }

  #assertRoutingKeyFree(key: string | undefined, self: number | null) {
    if (!key) return;
    const other = this.db.select({ id: inboxes.id }).from(inboxes).where(eq(inboxes.routingKey, key)).get();
    if (other && other.id !== self) throw conflict('another inbox already uses this address', 'address_taken');
  }

  isMember(inboxId: number, userId: number): boolean {
    return !!this.db.select().from(inboxMembers).where(and(eq(inboxMembers.inboxId, inboxId), eq(inboxMembers.userId, userId))).get();
  }

  #row(id: number) {
    const row = this.#byId.get({ id });
    if (!row) throw notFound('inbox');
    return row;
  }

  #memberIds(ids: number[]) {
    const map = new Map<number, number[]>();
    if (!ids.length) return map;
    for (const m of this.db.select().from(inboxMembers).where(inArray(inboxMembers.inboxId, ids)).all()) {
      map.set(m.inboxId, [...(map.get(m.inboxId) ?? []), m.userId]);
    }
    return map;
  }

  #toInbox(row: typeof inboxes.$inferSelect, memberIds: number[]): Inbox {
    const adapter = channelAdapter(row.channel);
    return {
      id: row.id,
      name: row.name,
      channel: adapter.kind,
      createdAt: new Date(row.createdAt).toISOString(),
      memberIds,
      autoAssign: row.autoAssign,
      settings: adapter.publicSettings(row.config, { id: row.id, publicUrl: this.publicUrl }),
    };
  }
}
