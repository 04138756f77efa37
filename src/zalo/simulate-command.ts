import type { Config } from '../config.js';
import { makeEchoEvent, makeMediaEvent, makeTextEvent, signEvent } from './sandbox-webhook.js';
import { renderZaloMessage } from './render-text.js';

const MEDIA = ['audio', 'video', 'gif', 'business_card'] as const;
type Media = (typeof MEDIA)[number];

/**
 * `npm run simulate -- "dang ky ket hon"`: sends a correctly signed user_send_text event to the
 * running server (as Zalo would) and prints what the sandbox received back, as the resident
 * would read it. Works against a server started with `npm start` and no Zalo credentials.
 * `--media=audio` (video, gif, business_card) sends a voice message (etc.) instead;
 * `--admin "…"` plays an OA admin answering in the OA chat tool (the assistant then steps back).
 */
export async function simulate(config: Config, args: string[]): Promise<number> {
  const text = args.filter((a) => !a.startsWith('--')).join(' ').trim();
  const media = args.find((a) => a.startsWith('--media='))?.slice('--media='.length) as Media | undefined;
  const admin = args.includes('--admin');
  if ((!text && !media) || (media && !MEDIA.includes(media))) {
    console.error('Cách dùng: npm run simulate -- "đăng ký kết hôn"  |  npm run simulate -- --media=audio (video, gif, business_card)  |  npm run simulate -- --admin "Chào bác, cán bộ xã đây"');
    return 2;
  }
  const base = process.env.SIMULATE_URL ?? `http://127.0.0.1:${config.http.port}`;
  const health = await fetch(`${base}/healthz`).then((r) => r.json() as Promise<{ zalo?: { sandboxUrl?: string } }>).catch(() => undefined);
  if (!health) {
    console.error(`Không kết nối được máy chủ tại ${base}. Hãy chạy "npm start" trước.`);
    return 1;
  }
  const userId = process.env.SIMULATE_USER_ID ?? '7000000000000000001';
  const startedAt = Date.now();
  const identity = { appId: config.zalo.appId, oaId: '4318203940283912345', userId };
  const event = admin
    ? makeEchoEvent({ ...identity, text, adminId: '5551234567890123456' })
    : media
      ? makeMediaEvent({ ...identity, mediaType: media })
      : makeTextEvent({ ...identity, text });
  const signed = signEvent(event, { appId: config.zalo.appId, oaSecretKey: config.zalo.oaSecretKey });
  const res = await fetch(`${base}/webhooks/zalo`, { method: 'POST', headers: signed.headers, body: signed.body });
  if (res.status !== 200) {
    console.error(`Máy chủ từ chối sự kiện: HTTP ${res.status} ${await res.text()}`);
    return 1;
  }
  if (admin) {
    console.log(`Đã giả lập cán bộ trả lời trong công cụ chat của OA: trợ lý im lặng với người dùng ${userId} trong ${config.zalo.takeoverHours} giờ (trả lại trợ lý ở trang "Kết nối Zalo").`);
    return 0;
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
