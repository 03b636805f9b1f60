import type Database from 'better-sqlite3';
import type { Db } from '../db/client';

export interface JobRow {
  id: number;
  kind: string;
  payload: string;
  attempts: number;
  maxAttempts: number;
}

export type JobOutcome = { ok: true; externalId?: string | null } | { ok: false; retry: boolean; error: string; retryAfterMs?: number };

const LEASE_MS = 60_000;

/** Exponential backoff with jitter: 2 s, 4 s, 8 s ... capped at 10 minutes. */
export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(600_000, 1000 * 2 ** Math.max(1, attempt));
  return Math.round(base * (0.8 + random() * 0.4));
}

/**
 * The durable outbound queue: a table. Enqueueing happens inside the caller's transaction, so a
 * message and its delivery job commit together; a claimed job holds a lease, so a crash
 * mid-send makes it due again instead of losing it.
 */
export class JobQueue {
  readonly #enqueue: Database.Statement;
  readonly #claim: Database.Statement<[{ lock: number; now: number }], JobRow>;
  readonly #done: Database.Statement;
  readonly #retry: Database.Statement;
  readonly #fail: Database.Statement;
  readonly #nextDue: Database.Statement<[], { runAt: number | null }>;
  readonly #reclaim: Database.Statement;
  readonly #client: Database.Database;
  #wake: () => void = () => {};

  constructor(db: Db) {
    const s = db.$client;
    this.#client = s;
    this.#enqueue = s.prepare(
      `INSERT INTO jobs (kind, payload, status, attempts, max_attempts, run_at, unique_key, created_at, updated_at)
       VALUES (?, ?, 'queued', 0, ?, ?, ?, ?, ?) ON CONFLICT (unique_key) DO NOTHING`,
    );
    this.#claim = s.prepare(
      `UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_until = @lock, updated_at = @now
       WHERE id = (SELECT id FROM jobs WHERE (status = 'queued' AND run_at <= @now) OR (status = 'running' AND locked_until < @now)
                   ORDER BY run_at, id LIMIT 1)
       RETURNING id, kind, payload, attempts, max_attempts AS maxAttempts`,
    );
    this.#done = s.prepare(`UPDATE jobs SET status = 'done', locked_until = NULL, last_error = NULL, updated_at = ? WHERE id = ?`);
    this.#retry = s.prepare(`UPDATE jobs SET status = 'queued', locked_until = NULL, run_at = ?, last_error = ?, updated_at = ? WHERE id = ?`);
    this.#fail = s.prepare(`UPDATE jobs SET status = 'failed', locked_until = NULL, last_error = ?, updated_at = ? WHERE id = ?`);
    this.#reclaim = s.prepare(`UPDATE jobs SET status = 'queued', locked_until = NULL, run_at = ?, updated_at = ? WHERE status = 'running'`);
    this.#nextDue = s.prepare(`SELECT min(CASE WHEN status = 'queued' THEN run_at ELSE locked_until END) AS runAt FROM jobs WHERE status IN ('queued', 'running')`);
  }

  onEnqueue(wake: () => void) {
    this.#wake = wake;
  }

  /** Adds a job; with a uniqueKey a second enqueue of the same work is ignored. */
  enqueue(kind: string, payload: Record<string, unknown>, opts: { uniqueKey?: string; runAt?: number; maxAttempts?: number } = {}) {
    const now = Date.now();
    this.#enqueue.run(kind, JSON.stringify(payload), opts.maxAttempts ?? 8, opts.runAt ?? now, opts.uniqueKey ?? null, now, now);
    queueMicrotask(this.#wake);
  }

  claim(now = Date.now()): JobRow | undefined {
    return this.#claim.get({ lock: now + LEASE_MS, now });
  }

  /** Records the outcome; returns 'retry' or 'failed' for failures so the caller can react. */
  settle(job: JobRow, outcome: JobOutcome, now = Date.now()): 'done' | 'retry' | 'failed' {
    if (outcome.ok) {
      this.#done.run(now, job.id);
      return 'done';
    }
    if (outcome.retry && job.attempts < job.maxAttempts) {
      const delay = Math.max(outcome.retryAfterMs ?? 0, backoffMs(job.attempts));
      this.#retry.run(now + delay, outcome.error, now, job.id);
      return 'retry';
    }
    this.#fail.run(outcome.error, now, job.id);
    return 'failed';
  }

  /**
   * Makes jobs that a previous process was running when it died due at once, instead of after
   * their lease. Only at start, before this process claims anything: one process owns the
   * SQLite database, so no one else can be running them.
   */
  reclaimInterrupted(now = Date.now()): number {
    return this.#reclaim.run(now, now).changes;
  }

  /**
   * Settles the job and runs `then` (what the job's outcome means, e.g. a message marked sent) in
   * one transaction, so a crash never leaves a job done whose result was not recorded.
   */
  settleWith(job: JobRow, outcome: JobOutcome, then: (state: 'done' | 'retry' | 'failed') => void): 'done' | 'retry' | 'failed' {
    return this.#client
      .transaction(() => {
        const state = this.settle(job, outcome);
        then(state);
        return state;
      })
      .immediate();
  }

  nextDueAt(): number | null {
    return this.#nextDue.get()?.runAt ?? null;
  }
}
