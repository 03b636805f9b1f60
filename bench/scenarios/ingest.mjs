// ingest: inbound messages per second through the domain service against raw prepared SQL
// doing the same reads and writes (both in one worker process, on the same database file).
import { alternate, medianOf } from '../lib/alternate.mjs';
import { forkWorker } from '../lib/procs.mjs';
import { row } from '../lib/report.mjs';

/** One batch: 70% from existing customers (their threads continue), 30% from new ones. */
export function inboundBatch(info, tag, count) {
  const pools = info.apiContacts;
  return pools.map((pool, p) => ({
    inboxId: pool.inboxId,
    messages: Array.from({ length: Math.ceil(count / pools.length) }, (_, i) => {
      const known = (i * 7 + p) % 10 < 7 && pool.externalIds.length;
      const externalId = known ? pool.externalIds[(i * 31 + p * 17) % pool.externalIds.length] : `${tag}-new-${p}-${i}`;
      return {
        contact: { externalId, name: known ? `Customer ${externalId}` : 'Zofia Łukasik' },
        externalMessageId: `${tag}-${p}-${i}`,
        text: `Dzień dobry, zamówienie ${tag}-${i} nie dotarło. Could you check the tracking number for me?`,
      };
    }),
  }));
}

export async function ingest(ctx) {
  const worker = forkWorker(ctx.bundles.ingest, { args: [ctx.db] });
  try {
    const perRep = ctx.quick ? 400 : 4000;
    const reps = ctx.quick ? 2 : 5;
    let n = 0;
    const run = (side) => async () => {
      const batches = inboundBatch(ctx.large.info, `ingest-${side}-${++n}-${Date.now().toString(36)}`, perRep);
      let count = 0;
      let seconds = 0;
      for (const b of batches) {
        const r = await worker.call(side, b);
        count += r.count;
        seconds += r.seconds;
      }
      return { count, seconds, perSecond: count / seconds };
    };
    // Warm-up of both paths (statement caches, JIT) before anything is timed.
    await run('app')();
    await run('raw')();
    const { app: a, baseline: b } = await alternate(reps, run('app'), run('raw'));
    const perMessage = (r) => (r.seconds * 1e6) / r.count;
    return [
      row({ name: 'ingest', metric: 'messages/s through the domain service', value: medianOf(a, (r) => r.perSecond), baseline: medianOf(b, (r) => r.perSecond), unit: 'msg/s', budget: { minRatio: 0.5 } }),
      row({ name: 'ingest', metric: 'time per message', value: medianOf(a, perMessage), baseline: medianOf(b, perMessage), unit: 'µs' }),
    ];
  } finally {
    await worker.call('close').catch(() => null);
    await worker.stop();
  }
}
