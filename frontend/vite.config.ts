import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const here = path.dirname(fileURLToPath(import.meta.url));
const backend = `http://localhost:${process.env.BACKEND_PORT ?? 3000}`;

export default defineConfig({
  plugins: [svelte()],
  resolve: {
    alias: {
      // The dev server cannot serve the CommonJS build of the shared package, so use its sources.
      '@buurtjury/shared': path.resolve(here, '../shared/src/index.ts'),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: true },
      // Host stays the dev server's, so the backend sees the socket's Origin as same-origin.
      '/socket.io': { target: backend, ws: true },
    },
  },
});
