/** What `npm start` prints once listening: every address a newcomer needs, and what to try. */
export function startBanner(url: string, sandbox: boolean): string {
  return [
    '',
    `Trợ lý hành chính công xã đang chạy: ${url}`,
    `  Mini App cho người dân:  ${url}/app/`,
    `  Trang quản trị cán bộ:   ${url}/console/  (tài khoản: ADMIN_USERNAME/ADMIN_PASSWORD hoặc npm run cli -- users:create)`,
    `  Sức khỏe:                ${url}/healthz`,
    `  Tra cứu (API):           ${url}/api/procedures?q=dang%20ky%20ket%20hon`,
    sandbox ? '  Zalo giả lập: thử  npm run simulate -- "dang ky ket hon"  (npm run simulate -- --help)' : '  Đang nối với Zalo thật.',
    '',
  ].join('\n');
}
