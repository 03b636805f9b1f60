import type { JobOutcome, JobQueue, JobRow } from './job-queue';

export type JobHandler = {
  run(payload: unknown, job: JobRow): Promise<JobOutcome>;
  /** Called after each attempt with what became of the job (e.g. to update a message's status). */
  settled?(payload: unknown, job: JobRow, state: 'done' | 'retry' | 'failed', outcome: JobOutcome): void;
};

/** Runs due jobs, a few at a time; sleeps until the next is due or one is enqueued. */
export class JobWorker {
  readonly #handlers = new Map<string, JobHandler>();
  readonly #inFlight = new Set<Promise<void>>();
  #timer: NodeJS.Timeout | null = null;
  #running = false;
  #pumping = false;

  constructor(
    private readonly queue: JobQueue,
    private readonly opts: { concurrency: number; pollMs: number },
  ) {
    queue.onEnqueue(() => this.#pump());
  }

  register(kind: string, handler: JobHandler) {
    this.#handlers.set(kind, handler);
  }

  start() {
    const reclaimed = this.queue.reclaimInterrupted();
    if (reclaimed) console.log(`[jobs] ${reclaimed} job(s) interrupted by the last shutdown are due again`);
    this.#running = true;
    this.#pump();
  }

  /** Stops claiming and waits for the jobs under way, so SIGTERM loses nothing. */
  async stop() {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    await Promise.allSettled([...this.#inFlight]);
  }

  /** Resolves when no job is due or running (for tests and shutdown). */
  async idle(timeoutMs = 10_000) {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const next = this.queue.nextDueAt();
      if (!this.#inFlight.size && (next === null || next > Date.now())) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  #pump() {
    if (!this.#running || this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#inFlight.size < this.opts.concurrency) {
        const job = this.queue.claim();
        if (!job) break;
        const p = this.#run(job).finally(() => {
          this.#inFlight.delete(p);
          this.#pump();
        });
        this.#inFlight.add(p);
      }
    } catch (err) {
      console.error('[jobs] claim failed', err);
    } finally {
      this.#pumping = false;
    }
    this.#schedule();
  }

  #schedule() {
    if (!this.#running) return;
    if (this.#timer) clearTimeout(this.#timer);
    const next = this.queue.nextDueAt();
    const delay = next === null ? this.opts.pollMs : Math.min(this.opts.pollMs, Math.max(5, next - Date.now()));
    this.#timer = setTimeout(() => this.#pump(), delay);
    this.#timer.unref();
  }

  async #run(job: JobRow) {
    const handler = this.#handlers.get(job.kind);
    let payload: unknown = null;
    let outcome: JobOutcome;
    try {
      payload = JSON.parse(job.payload);
      outcome = handler ? await handler.run(payload, job) : { ok: false, retry: false, error: `no handler for ${job.kind}` };
    } catch (err) {
      outcome = { ok: false, retry: true, error: err instanceof Error ? err.message : String(err) };
    }
    try {
      this.queue.settleWith(job, outcome, (state) => handler?.settled?.(payload, job, state, outcome));
    } catch (err) {
      console.error(`[jobs] settling job ${job.id} failed`, err);
      // Whatever broke in `settled`, do not run the job again for it: settle it alone.
      try {
        this.queue.settle(job, outcome);
      } catch (again) {
        console.error(`[jobs] settling job ${job.id} failed again`, again);
      }
    }
  }
}
