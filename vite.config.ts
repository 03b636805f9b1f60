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
    include: ['src/**/*.spec.ts', 'tests/integration/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    server: { deps: { external: [/\/build\//] } },
    globalSetup: ['tests/setup/build.global.ts'],
  },
});
