import { html, SafeHtml } from './html.js';

/** What every server-rendered public page shares: readable on a phone, 18 px text, no scripts. */
const BASE_STYLE =
  'body{font-family:system-ui,sans-serif;font-size:18px;line-height:1.55;margin:0;background:#f6f7f9;color:#1a1a1a}main{max-width:720px;margin:0 auto;padding:16px;background:#fff}h1{font-size:1.35em;color:#0b4f9c}.muted,.meta{color:#555;font-size:.9em}button{font:inherit;font-weight:600;background:#0b4f9c;color:#fff;border:0;border-radius:8px;min-height:48px;padding:0 16px}';

/** A whole public page: "<title> – <commune>", the shared style plus the page's own, the body. */
export function publicPageHtml(o: { title: string; communeName: string; body: SafeHtml; style?: string; head?: SafeHtml }): string {
  return html`<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${o.title} – ${o.communeName}</title>${o.head ?? ''}<style>${new SafeHtml(BASE_STYLE + (o.style ?? ''))}</style></head><body><main>${o.body}</main></body></html>`.value;
}
