import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

/** `npm run console:dev` proxies the API calls to a running `npm start` (API_PORT, 3000 by default). */
const apiUrl = `http://127.0.0.1:${process.env.API_PORT ?? 3000}`;

// Served by the API under /console (api/consoleSite.ts); everything is bundled, nothing is fetched from elsewhere.
export default defineConfig({
  base: '/console/',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The zod schemas and domain rules come from the API's own folders (../api, ../domain).
    chunkSizeWarningLimit: 1000,
  },
  server: { proxy: { '/v1': apiUrl } },
});
