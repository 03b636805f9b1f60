import { defineConfig } from 'vitest/config';

// Browser tests: the built server (build/server.js) driven by Debian's Chromium through
// playwright-core. `npm run build` first (npm test does it when the build is stale).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    server: { deps: { external: [/\/build\//] } },
  },
});
