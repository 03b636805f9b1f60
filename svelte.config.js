import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build', precompress: true }),
    // hooks.server.ts checks Origin on every cookie-authenticated write and answers in the API's
    // JSON error shape; SvelteKit's own check would answer form-encoded API calls in plain text.
    csrf: { trustedOrigins: ['*'] },
    // Registered by the app with workbox-window, which also drives the "Reload to update" prompt.
    serviceWorker: { register: false },
    typescript: {
      config: (config) => {
        config.include.push('../server.ts', '../scripts/**/*.ts', '../*.config.ts');
      },
    },
  },
};
