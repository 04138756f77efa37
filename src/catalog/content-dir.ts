import { fileURLToPath } from 'node:url';

/** The bundled content folder, used when CONTENT_DIR is not set. */
export const BUNDLED_CONTENT_DIR = fileURLToPath(new URL('../../content', import.meta.url));
