import type { Plugin } from 'vite';

/** In `vite dev`, attaches Socket.IO to Vite's own HTTP server with the dev app instance. */
export function realtimeDevPlugin(): Plugin {
  return {
    name: 'switchboard-realtime-dev',
    apply: 'serve',
    configureServer(server) {
      const httpServer = server.httpServer;
      if (!httpServer) return;
      httpServer.once('listening', async () => {
        const { devApp } = await server.ssrLoadModule('/src/lib/server/dev-app.ts');
        const { attachRealtime } = await server.ssrLoadModule('/src/lib/server/realtime/attach.ts');
        attachRealtime(httpServer, await devApp());
      });
    },
  };
}
