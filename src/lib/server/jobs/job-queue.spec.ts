import { afterEach, describe, expect, it } from 'vitest';
import { testApp } from '../../../../tests/factories/app.factory';
import { backoffMs, JobQueue } from './job-queue';
import type { SwitchboardApp } from '../app';

let app: SwitchboardApp;
afterEach(async () => app?.close());

describe('durable job queue', () => {
  it('enqueues a unique job once and hands it to one claimer', () => {
    app = testApp();
    const q = new JobQueue(app.db);
    q.enqueue('k', { a: 1 }, { uniqueKey: 'same' });
    q.enqueue('k', { a: 2 }, { uniqueKey: 'same' });
    const job = q.claim();
    expect(job).toMatchObject({ kind: 'k', attempts: 1 });
    expect(JSON.parse(job!.payload)).toEqual({ a: 1 });
    expect(q.claim()).toBeUndefined();
  });

  it('makes a job due again when its claimer died before settling it', () => {
    app = testApp();
    const q = new JobQueue(app.db);
    q.enqueue('k', {});
    const t0 = Date.now();
    expect(q.claim(t0)).toBeDefined();
    expect(q.claim(t0 + 1000)).toBeUndefined();
    expect(q.claim(t0 + 61_000)).toMatchObject({ attempts: 2 });
  });

  it('settles a job and records what its outcome means together, or neither', () => {
    app = testApp();
    const q = new JobQueue(app.db);
    q.enqueue('k', {});
    const job = q.claim()!;
    const status = () => (app.db.$client.prepare('SELECT status FROM jobs WHERE id = ?').get(job.id) as { status: string }).status;
    expect(() => q.settleWith(job, { ok: true }, () => {
      throw new Error('crashed while recording');
    })).toThrow('crashed while recording');
    expect(status()).toBe('running');
    app.db.$client.exec("CREATE TABLE recorded (state TEXT)");
    expect(q.settleWith(job, { ok: true }, (state) => app.db.$client.prepare('INSERT INTO recorded VALUES (?)').run(state))).toBe('done');
    expect([status(), app.db.$client.prepare('SELECT state FROM recorded').pluck().get()]).toEqual(['done', 'done']);
  });

  it('makes jobs cut off by a crash due at once when the next process starts', () => {
    app = testApp();
    const q = new JobQueue(app.db);
    q.enqueue('k', {});
    q.enqueue('k', {});
    const t0 = Date.now();
    expect(q.claim(t0)).toBeDefined();
    expect(q.claim(t0 + 1000), 'the other job').toBeDefined();
    expect(q.claim(t0 + 1000), 'both leases still hold').toBeUndefined();
    expect(q.reclaimInterrupted(t0 + 1000)).toBe(2);
    expect(q.claim(t0 + 1000)).toMatchObject({ attempts: 2 });
  });

  it('retries with backoff, honours Retry-After, and fails after the last attempt', () => {
    app = testApp();
    const q = new JobQueue(app.db);
    q.enqueue('k', {}, { maxAttempts: 2 });
    const t0 = Date.now();
    const first = q.claim(t0)!;
    expect(q.settle(first, { ok: false, retry: true, error: 'busy', retryAfterMs: 30_000 }, t0)).toBe('retry');
    expect(q.claim(t0 + 29_000)).toBeUndefined();
    const second = q.claim(t0 + 30_001)!;
    expect(q.settle(second, { ok: false, retry: true, error: 'still busy' }, t0 + 30_001)).toBe('failed');
    expect(app.db.$client.prepare('SELECT status, last_error FROM jobs').get()).toEqual({ status: 'failed', last_error: 'still busy' });
  });

  it('does not retry a permanent failure', () => {
    app = testApp();
    const q = new JobQueue(app.db);
    q.enqueue('k', {});
    expect(q.settle(q.claim()!, { ok: false, retry: false, error: 'gone' })).toBe('failed');
  });

  it('backs off exponentially with jitter and a cap', () => {
    const mid = () => 0.5;
    expect(backoffMs(1, mid)).toBe(2000);
    expect(backoffMs(3, mid)).toBe(8000);
    expect(backoffMs(30, mid)).toBe(600_000);
  });
});
