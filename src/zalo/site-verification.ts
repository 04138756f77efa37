import { Router } from 'express';

/**
 * Domain verification for the Zalo developer console (reference §11): Zalo checks either a
 * `<meta name="zalo-platform-site-verification" content="…">` tag on the site root, or a
 * `zalo_verifier<code>.html` file at the root. Both come from configuration
 * (ZALO_SITE_VERIFICATION, ZALO_VERIFIER_FILE and ZALO_VERIFIER_CONTENT), so nothing is edited
 * by hand on the server. Some code in the wild uses `property=` instead of `name=`: the tag
 * carries both.
 */
export function siteVerificationRoutes(o: { metaContent: string | undefined; fileName: string | undefined; fileContent: string | undefined }): Router {
  const router = Router();
  const meta = o.metaContent
    ? `<meta name="zalo-platform-site-verification" property="zalo-platform-site-verification" content="${escapeAttribute(o.metaContent)}" />`
    : '';
  if (meta) {
    router.get('/', (_req, res) => {
      res
        .type('html')
        .send(
          `<!doctype html><html lang="vi"><head><meta charset="utf-8">${meta}<title>Trợ lý hành chính công xã</title></head><body><p>Trợ lý hành chính công xã. <a href="/app/">Ứng dụng cho người dân</a> · <a href="/console/">Bàn làm việc cán bộ</a></p></body></html>`,
        );
    });
  }
  if (o.fileName) {
    const body = o.fileContent ?? `<!doctype html><html><head>${meta}</head><body></body></html>`;
    router.get(`/${o.fileName}`, (_req, res) => {
      res.type('html').send(body);
    });
  }
  return router;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
