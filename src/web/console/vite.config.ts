import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The staff console, served by the server at /console/ (relative base, hash routes). */
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { host: 'localhost', port: 3002, proxy: { '/api': 'http://127.0.0.1:3000' } },
});
