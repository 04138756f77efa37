/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Where the API lives when the app is not served by the server itself (inside Zalo). */
  readonly VITE_API_BASE_URL?: string;
  /** The commune's Official Account id, for "Nhắn tin cho xã" (zmp-sdk openChat). */
  readonly VITE_ZALO_OA_ID?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
