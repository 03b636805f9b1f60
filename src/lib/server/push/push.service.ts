import { and, eq } from 'drizzle-orm';
import type { PushDevice, PushPayload, PushSubscriptionBody } from '$lib/shared/schemas/push';
import type { Db } from '../db/client';
import { pushSubscriptions } from '../db/schema';
import type { JobQueue } from '../jobs/job-queue';
import { badRequest } from '../errors';
import type { VapidKeys } from './vapid-keys';

export const PUSH_JOB = 'push.send';

export type SubscriptionRow = typeof pushSubscriptions.$inferSelect;

/** Per-user Web Push: browsers opt in by subscribing; each notification is a durable job per browser. */
export class PushService {
  constructor(
    private readonly db: Db,
    private readonly queue: JobQueue,
    readonly keys: VapidKeys,
    /** The user's unread count for the app badge; left out of the payload when this fails. */
    private readonly badge?: (userId: number) => number,
  ) {}

  subscribe(userId: number, sub: PushSubscriptionBody): void {
    const url = new URL(sub.endpoint);
    // Push services are https; anything else would let a user make the server call internal hosts.
    if (url.protocol !== 'https:') {
      throw badRequest('a push endpoint must be an https URL', 'invalid_push_endpoint');
    }
    const now = Date.now();
    // One row per endpoint: a browser that re-subscribes (or changes user) takes the row over.
    this.db
      .insert(pushSubscriptions)
      .values({ userId, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth, createdAt: now })
      .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { userId, p256dh: sub.keys.p256dh, auth: sub.keys.auth, createdAt: now } })
      .run();
  }

  unsubscribe(userId: number, endpoint: string): boolean {
    const res = this.db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint))).run();
    return res.changes > 0;
  }

  /** The user's opted-in browsers, so a browser can tell whether it is still one of them. */
  list(userId: number): PushDevice[] {
    return this.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, userId))
      .all()
      .map((s) => ({ endpoint: s.endpoint, createdAt: new Date(s.createdAt).toISOString(), lastSuccessAt: s.lastSuccessAt === null ? null : new Date(s.lastSuccessAt).toISOString() }));
  }

  count(userId: number): number {
    return this.db.select({ id: pushSubscriptions.id }).from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)).all().length;
  }

  /**
   * Queues the notification for every browser the user subscribed, with the user's unread count
   * as of now so the app icon's badge is right even while no console is open.
   */
  notify(userId: number, payload: PushPayload): void {
    const subs = this.db.select({ id: pushSubscriptions.id }).from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)).all();
    if (!subs.length) return;
    const withBadge = payload.badge === undefined ? { ...payload, ...this.#badgeOf(userId) } : payload;
    for (const s of subs) this.queue.enqueue(PUSH_JOB, { subscriptionId: s.id, payload: withBadge }, { maxAttempts: 5 });
  }

  #badgeOf(userId: number): { badge?: number } {
    if (!this.badge) return {};
    try {
      return { badge: this.badge(userId) };
    } catch {
      // A notification without a badge number is still worth sending.
      return {};
    }
  }

  subscription(id: number): SubscriptionRow | undefined {
    return this.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, id)).get();
  }

  /** The push service says the subscription is gone (404/410): forget it. */
  forget(id: number): void {
    this.db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, id)).run();
  }

  delivered(id: number): void {
    this.db.update(pushSubscriptions).set({ lastSuccessAt: Date.now() }).where(eq(pushSubscriptions.id, id)).run();
  }
}
