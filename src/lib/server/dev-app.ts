import { createApp, ensureFirstAdmin, type SwitchboardApp } from './app';
import { loadEnv } from './env';

let instance: Promise<SwitchboardApp> | null = null;

/**
 * In `vite dev` the Vite plugin and the routes share one module graph, so this singleton is
 * the one instance both use. Production passes the instance from server.ts instead.
 */
export function devApp(): Promise<SwitchboardApp> {
  instance ??= (async () => {
    const app = createApp(loadEnv());
    await ensureFirstAdmin(app);
    app.start();
    await app.email.smtp.listen();
    return app;
  })();
  return instance;
}
