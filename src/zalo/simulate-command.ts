import type { Config } from '../config.js';
import { makeTextEvent, signEvent } from './sandbox-webhook.js';
import { renderZaloMessage } from './render-text.js';

/**
 * `npm run simulate -- "dang ky ket hon"`: sends a correctly signed user_send_text event to the
 * running server (as Zalo would) and prints what the sandbox received back, as the resident
 * would read it. Works against a server started with `npm start` and no Zalo credentials.
 */
export async function simulate(config: Config, args: string[]): Promise<number> {
  // `--commune ID` (or `--oa OA_ID`): the event goes to that commune's OA; default the first commune.
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`);
    if (i < 0) return undefined;
    const value = args[i + 1];
    args = args.filter((_, j) => j !== i && j !== i + 1);
    return value;
  };
  const communeId = option('commune');
  const oaOption = option('oa');
  const text = args.filter((a) => !a.startsWith('--')).join(' ').trim();
  if (!text) {
    console.error('Cách dùng: npm run simulate -- "đăng ký kết hôn"');
    return 2;
  }
  const base = process.env.SIMULATE_URL ?? `http://127.0.0.1:${config.http.port}`;
  const health = await fetch(`${base}/healthz`).then((r) => r.json() as Promise<{ zalo?: { sandboxUrl?: string } }>).catch(() => undefined);
  if (!health) {
    console.error(`Không kết nối được máy chủ tại ${base}. Hãy chạy "npm start" trước.`);
    return 1;
  }
  const communes = await fetch(`${base}/api/communes`)
    .then((r) => r.json() as Promise<{ items: Array<{ id: string; name: string; oaId: string }> }>)
    .then((b) => b.items, () => []);
  const commune = communeId === undefined ? communes[0] : communes.find((c) => c.id === communeId);
  if (communeId !== undefined && !commune) {
    console.error(`Không có xã "${communeId}". Các xã: ${communes.map((c) => c.id).join(', ')}`);
    return 2;
  }
  const oaId = oaOption ?? commune?.oaId ?? '4318203940283912345';
  const userId = process.env.SIMULATE_USER_ID ?? '7000000000000000001';
  const startedAt = Date.now();
  const event = makeTextEvent({ appId: config.zalo.appId, oaId, userId, text });
  const signed = signEvent(event, { appId: config.zalo.appId, oaSecretKey: config.zalo.oaSecretKey });
  const res = await fetch(`${base}/webhooks/zalo`, { method: 'POST', headers: signed.headers, body: signed.body });
  if (res.status !== 200) {
    console.error(`Máy chủ từ chối sự kiện: HTTP ${res.status} ${await res.text()}`);
    return 1;
  }
  const sandboxUrl = health.zalo?.sandboxUrl;
  if (!sandboxUrl) {
    console.log('Đã gửi sự kiện. Máy chủ đang nối với Zalo thật: câu trả lời được gửi tới Zalo, không in ở đây.');
    return 0;
  }
  // Replies arrive asynchronously (inbox → outbox): wait until they stop coming.
  let seen = 0;
  let quietSince = Date.now();
  let sent: Array<{ message: unknown }> = [];
  while (Date.now() - startedAt < 15_000) {
    const body = (await fetch(`${sandboxUrl}/sandbox/sent?user_id=${userId}&since=${startedAt}`).then((r) => r.json())) as { sent: typeof sent };
    sent = body.sent;
    if (sent.length !== seen) {
      seen = sent.length;
      quietSince = Date.now();
    } else if (seen > 0 && Date.now() - quietSince > 800) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (sent.length === 0) {
    console.error('Chưa nhận được câu trả lời sau 15 giây (xem /healthz).');
    return 1;
  }
  console.log(sent.map((s) => renderZaloMessage(s.message)).join('\n\n———\n\n'));
  return 0;
}
