import { and, desc, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { apiTokens, sessions, users } from '../db/schema';
import { AppError, notFound } from '../errors';
import type { EventBus } from '../events/event-bus';
import { toUser } from '../users/user.mapper';
import type { UserService } from '../users/user.service';
import type { AuthContext } from './auth-context';
import { dummyHash, verifyPassword } from './passwords';
import { RateLimiter } from './rate-limiter';
import { newSecret, sha256 } from './tokens';

const DAY = 86_400_000;
const TOKEN_PREFIX = 'sbp_';
/** Resolved credentials kept in memory; more than this many (a token storm) starts the cache over. */
const CACHE_MAX = 10_000;

type Cached = { auth: AuthContext; version: number; expiresAt: number; refreshAt: number };

export class AuthService {
  /** More than 10 failed logins a minute for one account or one address -> 429. */
  readonly #failures = new RateLimiter(10, 60_000);
  /**
   * Sessions and API tokens already resolved, by token hash. An entry holds only while the
   * database's `auth_version` (moved by triggers on users, memberships, sessions and tokens) is
   * the one read before it was built, so every change is seen by the next request.
   */
  readonly #cache = new Map<string, Cached>();

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly usersService: UserService,
    private readonly sessionDays: number,
  ) {}

  async login(email: string, password: string, ip: string) {
    const keys = [`email:${email}`, `ip:${ip}`];
    const limited = keys.find((k) => this.#failures.blocked(k));
    if (limited) {
      throw new AppError(429, 'too_many_attempts', `too many failed logins; try again in ${this.#failures.retryAfter(limited)} s`);
    }
    const row = this.usersService.findActiveByEmail(email);
    const ok = await verifyPassword(row?.passwordHash ?? (await dummyHash), password);
    if (!row || !ok) {
      for (const k of keys) this.#failures.hit(k);
      throw new AppError(401, 'invalid_credentials', 'wrong email or password');
    }
    const token = newSecret();
    const now = Date.now();
    this.db
      .insert(sessions)
      .values({ tokenHash: sha256(token), userId: row.id, createdAt: now, lastSeenAt: now, expiresAt: now + this.sessionDays * DAY })
      .run();
    return { user: toUser(row), token, maxAgeSeconds: this.sessionDays * 86_400 };
  }

  /** The caller behind a session cookie, or null. Sliding expiry, refreshed at most hourly. */
  fromSession(token: string): AuthContext | null {
    const now = Date.now();
    const hash = sha256(token);
    const version = this.#version();
    const hit = this.#fresh(`s:${hash}`, version, now);
    if (hit) return hit;
    const found = this.db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, hash), gt(sessions.expiresAt, now)))
      .get();
    if (!found || found.user.disabledAt) return null;
    if (now - found.session.lastSeenAt > 3_600_000) {
      // Moves the version: the entry below is rebuilt on the next request, once an hour.
      this.db.update(sessions).set({ lastSeenAt: now, expiresAt: now + this.sessionDays * DAY }).where(eq(sessions.id, found.session.id)).run();
      return this.#context(found.user, 'session', found.session.id, null);
    }
    return this.#remember(`s:${hash}`, version, this.#context(found.user, 'session', found.session.id, null), found.session.expiresAt, found.session.lastSeenAt + 3_600_000);
  }

  fromBearer(token: string): AuthContext | null {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const now = Date.now();
    const hash = sha256(token);
    const version = this.#version();
    const hit = this.#fresh(`t:${hash}`, version, now);
    if (hit) return hit;
    const found = this.db
      .select({ token: apiTokens, user: users })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(eq(apiTokens.tokenHash, hash))
      .get();
    if (!found || found.user.disabledAt) return null;
    if (!found.token.lastUsedAt || now - found.token.lastUsedAt > 60_000) {
      this.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, found.token.id)).run();
      return this.#context(found.user, 'token', null, found.token.id);
    }
    return this.#remember(`t:${hash}`, version, this.#context(found.user, 'token', null, found.token.id), Infinity, found.token.lastUsedAt + 60_000);
  }

  /** Rebuilds a context from the database, e.g. after a role or membership change. */
  refresh(auth: AuthContext): AuthContext | null {
    const row = this.db.select().from(users).where(eq(users.id, auth.user.id)).get();
    if (!row || row.disabledAt) return null;
    if (auth.sessionId !== null && !this.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.id, auth.sessionId)).get()) return null;
    if (auth.tokenId !== null && !this.db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.id, auth.tokenId)).get()) return null;
    return this.#context(row, auth.via, auth.sessionId, auth.tokenId);
  }

  logout(sessionId: number, userId: number): void {
    this.db.delete(sessions).where(eq(sessions.id, sessionId)).run();
    this.bus.signal('session.ended', { sessionId, userId, reason: 'logout' });
  }

  createToken(userId: number, name: string) {
    const token = newSecret(TOKEN_PREFIX);
    const row = this.db.insert(apiTokens).values({ tokenHash: sha256(token), userId, name, createdAt: Date.now() }).returning().get();
    return { id: row.id, name: row.name, token, createdAt: new Date(row.createdAt).toISOString() };
  }

  listTokens(userId: number) {
    return this.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.userId, userId))
      .orderBy(desc(apiTokens.createdAt))
      .all()
      .map((t) => ({
        id: t.id,
        name: t.name,
        createdAt: new Date(t.createdAt).toISOString(),
        lastUsedAt: t.lastUsedAt ? new Date(t.lastUsedAt).toISOString() : null,
      }));
  }

  revokeToken(userId: number, id: number): void {
    const res = this.db.delete(apiTokens).where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId))).run();
    if (res.changes === 0) throw notFound('token');
    this.bus.signal('session.ended', { tokenId: id, reason: 'token_revoked' });
  }

  purgeExpiredSessions(): void {
    this.db.delete(sessions).where(lt(sessions.expiresAt, Date.now())).run();
  }

  #versionQuery: { get(): { n: number } | undefined } | null = null;

  #version(): number {
    this.#versionQuery ??= this.db.$client.prepare<[], { n: number }>('SELECT n FROM auth_version WHERE id = 1');
    return this.#versionQuery.get()?.n ?? -1;
  }

  #fresh(key: string, version: number, now: number): AuthContext | null {
    const hit = this.#cache.get(key);
    if (!hit) return null;
    if (hit.version === version && now < hit.expiresAt && now <= hit.refreshAt) return hit.auth;
    this.#cache.delete(key);
    return null;
  }

  #remember(key: string, version: number, auth: AuthContext, expiresAt: number, refreshAt: number): AuthContext {
    if (this.#cache.size >= CACHE_MAX) this.#cache.clear();
    // Shared by every request of this session: nobody may change it in place.
    Object.freeze(auth.memberInboxIds);
    this.#cache.set(key, { auth: Object.freeze(auth), version, expiresAt, refreshAt });
    return auth;
  }

  #context(row: typeof users.$inferSelect, via: 'session' | 'token', sessionId: number | null, tokenId: number | null): AuthContext {
    return { user: toUser(row), via, sessionId, tokenId, memberInboxIds: this.usersService.memberInboxIds(row.id) };
  }
}
