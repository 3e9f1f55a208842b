import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

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
});
