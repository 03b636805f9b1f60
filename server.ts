/**
 * Production entry and composition root: one HTTP server carrying SvelteKit (adapter-node's
 * handler), Socket.IO and the job worker, over one app instance. Built to build/server.js.
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createApp, ensureFirstAdmin, type SwitchboardApp } from '$lib/server/app';
import { EnvError, loadEnv } from '$lib/server/env';
import { attachRealtime } from '$lib/server/realtime/attach';
import { attachWidget } from '$lib/server/channels/chat/widget-namespace';
import { chatMailerFromEnv } from '$lib/server/channels/chat/chat-mailer';
import { seedDemo } from '$lib/server/seed/demo.seed';
import { declaredBodyLimitExceeded, MAX_UPLOAD_BODY_BYTES } from '$lib/server/http/body-limit';

type KitHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

async function main() {
  const env = loadEnv();
  // adapter-node reads ORIGIN when its handler loads; without it, it trusts the Host header.
  if (env.PUBLIC_URL && !process.env.ORIGIN) process.env.ORIGIN = env.publicUrl;
  // Uploads (chat widget files, email attachments) reach 10 MB; adapter-node refuses bodies over
  // 512 KB by default. Other routes keep 1 MB, checked below before SvelteKit reads anything.
  process.env.BODY_SIZE_LIMIT ??= String(MAX_UPLOAD_BODY_BYTES);
  const { handler } = (await import(new URL('./handler.js', import.meta.url).href)) as { handler: KitHandler };

  const app: SwitchboardApp = createApp(env);
  await ensureFirstAdmin(app);
  if (env.SEED_DEMO === '1' || env.SEED_DEMO === 'true') await seedDemo(app);

  const server = http.createServer((req, res) => {
    // Answered before SvelteKit reads anything; Node discards the unread body after the answer,
    // so the client finishes sending and reads the 413.
    const limit = declaredBodyLimitExceeded(req);
    if (limit !== null) {
      res.writeHead(413, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'payload_too_large', message: `the body is larger than ${limit} bytes` } }));
      return;
    }
    (req as IncomingMessage & { switchboard?: SwitchboardApp }).switchboard = app;
    handler(req, res);
  });
  server.keepAliveTimeout = 65_000;
  const io = attachRealtime(server, app);
  attachWidget(io, app, chatMailerFromEnv(env));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, () => resolve());
  });
  app.start();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  console.log(`Switchboard listening on http://${env.HOST}:${port} (public URL ${env.publicUrl})`);
  const smtpPort = await app.email.smtp.listen();
  if (smtpPort !== null) console.log(`SMTP listening on ${env.SMTP_HOST}:${smtpPort}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing requests and jobs, then stopping`);
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    force.unref();
    // Stop accepting; requests under way finish; idle keep-alive connections close now.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await app.email.smtp.close();
    await app.jobs.worker.stop();
    // Closing the transports (not disconnecting the sockets) lets clients reconnect by themselves.
    io.engine.close();
    await closed;
    await app.close();
    console.log('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

process.on('unhandledRejection', (err) => console.error('[unhandled rejection]', err));

main().catch((err) => {
  console.error(err instanceof EnvError ? err.message : err);
  process.exit(1);
});
