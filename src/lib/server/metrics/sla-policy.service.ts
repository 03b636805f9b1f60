import { eq } from 'drizzle-orm';
import type { CreateSlaPolicyBody, PatchSlaPolicyBody, SlaPolicy } from '$lib/shared/schemas/sla';
import type { Db } from '../db/client';
import { inboxes, slaPolicies } from '../db/schema';
import { badRequest, forbidden, notFound } from '../errors';
import { requireRole, visibleInboxIds, type AuthContext } from '../auth/auth-context';
import { atLeast } from '../auth/roles';
import { calendarOf } from './sla-policy.match';
import type { ClockPolicy } from './sla-clock';

type Row = typeof slaPolicies.$inferSelect;
export type LoadedPolicy = Row & { clock: ClockPolicy };

const iso = (ms: number) => new Date(ms).toISOString();

function toPolicy(r: Row): SlaPolicy {
  return {
    id: r.id,
    name: r.name,
    inboxIds: r.inboxIds,
    priorities: r.priorities,
    firstResponseMinutes: r.firstResponseMinutes,
    resolutionMinutes: r.resolutionMinutes,
    businessHours: r.businessHours ?? null,
    holidays: r.holidays,
    enabled: r.enabled,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

/**
 * SLA policies: everyone reads the ones that touch inboxes they see; leads manage the ones for
 * their own inboxes, supervisors and admins any (a policy for every inbox needs a supervisor).
 */
export class SlaPolicyService {
  #loaded: LoadedPolicy[] | null = null;
  #listeners: (() => void)[] = [];

  constructor(private readonly db: Db) {}

  /** Every policy with its calendar, cached until a policy changes. */
  all(): LoadedPolicy[] {
    this.#loaded ??= this.db
      .select()
      .from(slaPolicies)
      .all()
      .map((r) => ({ ...r, clock: { id: r.id, firstResponseMinutes: r.firstResponseMinutes, resolutionMinutes: r.resolutionMinutes, calendar: calendarOf(r.businessHours, r.holidays) } }));
    return this.#loaded;
  }

  /** Called after every change (the SLA service re-applies policies to running clocks). */
  onChange(listener: () => void) {
    this.#listeners.push(listener);
  }

  list(auth: AuthContext): SlaPolicy[] {
    return this.all()
      .filter((p) => this.#visible(auth, p))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id)
      .map(toPolicy);
  }

  get(auth: AuthContext, id: number): SlaPolicy {
    return toPolicy(this.#visibleRow(auth, id));
  }

  create(auth: AuthContext, body: CreateSlaPolicyBody): SlaPolicy {
    requireRole(auth, 'lead');
    this.#assertManages(auth, body.inboxIds);
    const now = Date.now();
    const row = this.db
      .insert(slaPolicies)
      .values({ ...body, inboxIds: [...new Set(body.inboxIds)], priorities: [...new Set(body.priorities)], holidays: [...new Set(body.holidays)].sort(), createdBy: auth.user.id, createdAt: now, updatedAt: now })
      .returning()
      .get();
    this.#changed();
    return toPolicy(row);
  }

  update(auth: AuthContext, id: number, patch: PatchSlaPolicyBody): SlaPolicy {
    requireRole(auth, 'lead');
    const row = this.#visibleRow(auth, id);
    this.#assertManages(auth, row.inboxIds);
    if (patch.inboxIds) this.#assertManages(auth, patch.inboxIds);
    const next = { ...row, ...patch };
    if (next.firstResponseMinutes === null && next.resolutionMinutes === null) throw badRequest('set a first response or a resolution target', 'no_target');
    const updated = this.db
      .update(slaPolicies)
      .set({
        ...patch,
        ...(patch.inboxIds ? { inboxIds: [...new Set(patch.inboxIds)] } : {}),
        ...(patch.priorities ? { priorities: [...new Set(patch.priorities)] } : {}),
        ...(patch.holidays ? { holidays: [...new Set(patch.holidays)].sort() } : {}),
        updatedAt: Date.now(),
      })
      .where(eq(slaPolicies.id, id))
      .returning()
      .get();
    this.#changed();
    return toPolicy(updated);
  }

  delete(auth: AuthContext, id: number): void {
    requireRole(auth, 'lead');
    const row = this.#visibleRow(auth, id);
    this.#assertManages(auth, row.inboxIds);
    this.db.delete(slaPolicies).where(eq(slaPolicies.id, id)).run();
    this.#changed();
  }

  #changed() {
    this.#loaded = null;
    for (const l of this.#listeners) l();
  }

  #visible(auth: AuthContext, p: Row): boolean {
    const ids = visibleInboxIds(auth);
    return ids === null || p.inboxIds.length === 0 || p.inboxIds.some((i) => ids.includes(i));
  }

  #visibleRow(auth: AuthContext, id: number): Row {
    const row = this.all().find((p) => p.id === id);
    if (!row || !this.#visible(auth, row)) throw notFound('SLA policy');
    return row;
  }

  #assertManages(auth: AuthContext, inboxIds: number[]) {
    const known = new Set(this.db.select({ id: inboxes.id }).from(inboxes).all().map((i) => i.id));
    const unknown = inboxIds.filter((i) => !known.has(i));
    if (unknown.length) throw badRequest(`no such inbox: ${unknown.join(', ')}`, 'unknown_inbox');
    const ids = visibleInboxIds(auth);
    if (ids === null || atLeast(auth.user.role, 'supervisor')) return;
    if (!inboxIds.length) throw forbidden('a policy for every inbox needs the supervisor role or higher');
    if (inboxIds.some((i) => !ids.includes(i))) throw forbidden('you can manage policies only for inboxes you are a member of');
  }
}
