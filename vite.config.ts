import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import { realtimeDevPlugin } from './scripts/vite-realtime-dev.ts';

export default defineConfig({
  plugins: [
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './src/lib/paraglide',
      strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
      cookieName: 'sb_locale',
    }),
    tailwindcss(),
    sveltekit(),
    realtimeDevPlugin(),
  ],
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    server: { deps: { external: [/\/build\//] } },
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.spec.ts'] } },
      // The benchmark suite's own logic (report shape, statistics); `npm run bench` runs the suite.
      { extends: true, test: { name: 'bench', include: ['bench/**/*.spec.ts'] } },
      // Integration tests run the real built server; the global setup builds it when stale.
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.spec.ts'], globalSetup: ['tests/setup/build.global.ts'] } },
    ],
  },
});
