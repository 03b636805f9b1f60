// Every scenario of issue 7, in the order a run takes them: reads before the scenarios that write
// to the working copy of the database.
import { bundle } from './bundle.mjs';
import { consoleCold, consoleDom, consoleSwitch } from './console.mjs';
import { fanout } from './fanout.mjs';
import { ingest } from './ingest.mjs';
import { ingestHttp } from './ingest-http.mjs';
import { inboxList, threadOpen } from './reads.mjs';
import { socketMemory } from './socket-memory.mjs';

export const RUNNERS = {
  bundle: (ctx) => bundle(ctx),
  'inbox-list': (ctx) => inboxList(ctx),
  'thread-open': (ctx) => threadOpen(ctx),
  'console-cold': (ctx) => consoleCold(ctx),
  'console-dom': (ctx) => consoleDom(ctx),
  'console-switch': (ctx) => consoleSwitch(ctx),
  'socket-memory': (ctx) => socketMemory(ctx),
  'fanout-50': (ctx) => fanout(ctx, 50),
  'fanout-1000': (ctx) => fanout(ctx, 1000),
  ingest: (ctx) => ingest(ctx),
  'ingest-http': (ctx) => ingestHttp(ctx),
};
