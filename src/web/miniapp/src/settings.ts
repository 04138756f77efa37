/**
 * Build-time settings (Vite env). Served by the server at /app/, the app calls the API on the same
 * origin; built for Zalo, VITE_API_BASE_URL points at the server's public address (whose
 * CORS_ORIGINS must list Zalo's H5 origin).
 */
export const settings = {
  apiBaseUrl: (import.meta.env.VITE_API_BASE_URL ?? '').replace(/\/+$/, ''),
  zaloOaId: import.meta.env.VITE_ZALO_OA_ID?.trim() || undefined,
};
