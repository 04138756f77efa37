import { fileURLToPath } from 'node:url';

/**
 * The built front-ends the server hands out: the residents' Mini App (also deployable to Zalo) and
 * the staff console. Built by `npm run build:web` (npm start and npm test build them first).
 */
export const WEB_APPS = [
  { prefix: '/app', dir: fileURLToPath(new URL('../web/miniapp/www', import.meta.url)) },
  { prefix: '/console', dir: fileURLToPath(new URL('../web/console/dist', import.meta.url)) },
];
