import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import zaloMiniApp from 'zmp-vite-plugin';

const root = fileURLToPath(new URL('.', import.meta.url));
// The plugin reads ./app-config.json from the working directory; npm scripts run from the repo
// root, so the file is read here and handed over explicitly.
const appConfig = JSON.parse(readFileSync(new URL('./app-config.json', import.meta.url), 'utf8'));

/**
 * The residents' Mini App. The plugin builds into www/ with a relative base ("./"), so the same
 * build runs inside Zalo and under the server's /app/ prefix.
 */
export default defineConfig({
  root,
  base: './',
  plugins: [react(), zaloMiniApp(appConfig)],
  build: { outDir: 'www', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { host: 'localhost', port: 3001, proxy: { '/api': 'http://127.0.0.1:3000' } },
});
