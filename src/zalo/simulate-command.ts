import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import { fold } from '../catalog/fold.js';
import { makeEchoEvent, makeFollowEvent, makeMediaEvent, makeTextEvent, signEvent } from './sandbox-webhook.js';
import { parseOutboundMessage } from './messages.js';
import { renderZaloMessage } from './render-text.js';

export const SIMULATE_HELP = `Đóng vai Zalo: gửi sự kiện có chữ ký tới máy chủ đang chạy (npm start) và in các tin nhắn
trả lời mà Zalo giả lập nhận được, như người dân đọc.

Cách dùng: npm run simulate -- [tùy chọn] ["tin nhắn"] ...

  "tin nhắn"                 người dân nhắn một câu (ví dụ "dang ky ket hon")
  --follow                   người dân bấm "Quan tâm" OA (sự kiện follow)
  --press <số|tên nút>       bấm một nút của tin nhắn có nút gần nhất ("--press 1", "--press \\"Gửi phản ánh\\"")
  --contact "<họ tên>;<số điện thoại>;<địa chỉ>"
                             chia sẻ thẻ thông tin liên hệ (user_submit_info), như khi bấm "Chia sẻ" trong Zalo
  --photo [<đường link ảnh>] gửi một ảnh (user_send_image); không có đường link thì dùng ảnh mẫu
  --caption "<chú thích>"    chú thích cho ảnh của --photo đứng ngay trước
  --media <loại>             gửi tin nhắn thoại, video, ảnh động hoặc danh thiếp (audio, video, gif, business_card)
  --admin "<tin nhắn>"       cán bộ trả lời trong công cụ chat của OA: trợ lý tạm im với người dân này
  --user <mã>                mã người dùng Zalo giả lập (mặc định SIMULATE_USER_ID hoặc 7000000000000000001)
  --url <địa chỉ>            máy chủ (mặc định SIMULATE_URL, hoặc http://HOST:PORT theo cấu hình: biến môi
                             trường và tệp .env, như npm start)
  --help                     in hướng dẫn này

Các thao tác chạy lần lượt theo thứ tự viết, ví dụ một phản ánh trọn vẹn:
  npm run simulate -- "gửi phản ánh"
  npm run simulate -- --press 1
  npm run simulate -- "Đèn đường thôn 3 bị hỏng" --photo --press "Xong"
  npm run simulate -- --contact "Nguyễn Văn An;0912345678;Thôn 3"`;

/** One thing the resident does, in the order given on the command line. */
export type SimulatedAction =
  | { kind: 'text'; text: string }
  | { kind: 'follow' }
  | { kind: 'press'; button: string }
  | { kind: 'contact'; name: string; phone: string; address: string }
  | { kind: 'photo'; url: string; caption?: string }
  | { kind: 'media'; media: Media }
  | { kind: 'admin'; text: string };

const MEDIA = ['audio', 'video', 'gif', 'business_card'] as const;
type Media = (typeof MEDIA)[number];

export interface SimulateOptions {
  actions: SimulatedAction[];
  userId?: string;
  url?: string;
  help: boolean;
}

/** A sample photo (as Zalo's CDN would link it) when --photo is given without a link. */
const SAMPLE_PHOTO = 'https://f12-zpc.zdn.vn/jpg/4876135209384756123/9a8b7c6d5e4f.jpg';
/** The sandbox OA's id (any id works: the server answers the sender). */
const OA_ID = '4318203940283912345';

/** Reads the command line; throws an Error with a Vietnamese message on a mistake. */
export function parseSimulateArgs(args: string[]): SimulateOptions {
  const options: SimulateOptions = { actions: [], help: false };
  const value = (i: number, flag: string) => {
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`Thiếu giá trị sau ${flag}.`);
    return v;
  };
  const words: string[] = [];
  const flushWords = () => {
    if (words.length) options.actions.push({ kind: 'text', text: words.splice(0).join(' ') });
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) {
      words.push(a);
      continue;
    }
    flushWords();
    switch (a) {
      case '--help':
      case '-h':
        options.help = true;
        break;
      case '--follow':
        options.actions.push({ kind: 'follow' });
        break;
      case '--press':
        options.actions.push({ kind: 'press', button: value(i, a) });
        i++;
        break;
      case '--contact': {
        const [name = '', phone = '', address = ''] = value(i, a).split(';').map((s) => s.trim());
        if (!name && !phone) throw new Error('--contact cần dạng "họ tên;số điện thoại;địa chỉ".');
        options.actions.push({ kind: 'contact', name, phone, address });
        i++;
        break;
      }
      case '--photo': {
        const next = args[i + 1];
        const url = next && /^https?:\/\//.test(next) ? next : SAMPLE_PHOTO;
        if (url === next) i++;
        options.actions.push({ kind: 'photo', url });
        break;
      }
      case '--caption': {
        const last = options.actions[options.actions.length - 1];
        if (last?.kind !== 'photo') throw new Error('--caption đi ngay sau --photo.');
        last.caption = value(i, a);
        i++;
        break;
      }
      case '--media': {
        const media = value(i, a) as Media;
        if (!MEDIA.includes(media)) throw new Error(`--media nhận một trong: ${MEDIA.join(', ')}.`);
        options.actions.push({ kind: 'media', media });
        i++;
        break;
      }
      case '--admin':
        options.actions.push({ kind: 'admin', text: value(i, a) });
        i++;
        break;
      case '--user':
        options.userId = value(i, a);
        i++;
        break;
      case '--url':
        options.url = value(i, a).replace(/\/+$/, '');
        i++;
        break;
      default:
        throw new Error(`Không hiểu tùy chọn ${a}. Xem: npm run simulate -- --help`);
    }
  }
  flushWords();
  return options;
}

/** Where the running server listens, by the same configuration `npm start` reads. */
export function serverUrlOf(config: Config): string {
  const host = config.http.host === '0.0.0.0' || config.http.host === '::' ? '127.0.0.1' : config.http.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.http.port}`;
}

interface Sent {
  message: unknown;
  at: number;
}

/** The query buttons of the newest message that has any: what "--press" can press. */
export function pressableButtons(sent: readonly Sent[]): Array<{ title: string; payload: string }> {
  for (let i = sent.length - 1; i >= 0; i--) {
    const m = parseOutboundMessage(sent[i]!.message);
    if (!('attachment' in m) || !('buttons' in m.attachment.payload)) continue;
    const buttons = m.attachment.payload.buttons.flatMap((b) => (b.type === 'oa.query.show' || b.type === 'oa.query.hide' ? [{ title: b.title, payload: b.payload }] : []));
    if (buttons.length) return buttons;
  }
  return [];
}

/** The button "--press" names: its number among the pressable ones, or (a part of) its title. */
export function findButton(buttons: Array<{ title: string; payload: string }>, wanted: string): { title: string; payload: string } | undefined {
  if (/^\d+$/.test(wanted)) return buttons[Number(wanted) - 1];
  const key = fold(wanted);
  return buttons.find((b) => fold(b.title) === key) ?? buttons.find((b) => fold(b.title).includes(key));
}

/**
 * `npm run simulate`: plays Zalo against the running server (found by its configuration: PORT,
 * HOST, the sandbox keys), one signed event per action, and prints what the resident receives.
 */
export async function simulate(config: Config, args: string[]): Promise<number> {
  let options: SimulateOptions;
  try {
    options = parseSimulateArgs(args);
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  if (options.help || options.actions.length === 0) {
    (options.help ? console.log : console.error)(SIMULATE_HELP);
    return options.help ? 0 : 2;
  }
  const base = options.url ?? process.env.SIMULATE_URL ?? serverUrlOf(config);
  const health = await fetch(`${base}/healthz`)
    .then((r) => r.json() as Promise<{ zalo?: { sandboxUrl?: string } }>)
    .catch(() => undefined);
  if (!health) {
    console.error(`Không kết nối được máy chủ tại ${base} (theo PORT/HOST của cấu hình). Hãy chạy "npm start" trước, hoặc chỉ địa chỉ bằng --url.`);
    return 1;
  }
  const sandboxUrl = health.zalo?.sandboxUrl;
  const userId = options.userId ?? process.env.SIMULATE_USER_ID ?? '7000000000000000001';
  const userIdByApp = `6${userId.slice(1)}`;
  const identity = { appId: config.zalo.appId, oaId: OA_ID, userId, userIdByApp };
  const sentSince = async (since: number): Promise<Sent[]> => {
    if (!sandboxUrl) return [];
    const body = (await fetch(`${sandboxUrl}/sandbox/sent?user_id=${userId}&since=${since}`).then((r) => r.json())) as { sent: Sent[] };
    return body.sent;
  };

  for (const action of options.actions) {
    let event: Record<string, unknown>;
    let label: string;
    switch (action.kind) {
      case 'text':
        event = makeTextEvent({ ...identity, text: action.text });
        label = `Người dân: ${action.text}`;
        break;
      case 'follow':
        event = makeFollowEvent(identity);
        label = 'Người dân bấm "Quan tâm"';
        break;
      case 'press': {
        if (!sandboxUrl) {
          console.error('--press cần Zalo giả lập (máy chủ đang nối Zalo thật).');
          return 1;
        }
        const buttons = pressableButtons(await sentSince(0));
        const button = findButton(buttons, action.button);
        if (!button) {
          console.error(`Không có nút "${action.button}". Các nút bấm được: ${buttons.map((b, i) => `${i + 1}. ${b.title}`).join(' · ') || '(chưa có)'}`);
          return 1;
        }
        // A query button comes back to the OA as an ordinary text message carrying its payload.
        event = makeTextEvent({ ...identity, text: button.payload });
        label = `Người dân bấm [${button.title}]`;
        break;
      }
      case 'contact':
        event = {
          app_id: identity.appId,
          user_id_by_app: userIdByApp,
          event_name: 'user_submit_info',
          timestamp: String(Date.now()),
          sender: { id: userId },
          recipient: { id: OA_ID },
          info: { name: action.name, phone: action.phone, address: action.address, ward: '', district: '', city: '' },
        };
        label = `Người dân chia sẻ thông tin liên hệ: ${[action.name, action.phone, action.address].filter(Boolean).join(', ')}`;
        break;
      case 'photo':
        event = {
          app_id: identity.appId,
          user_id_by_app: userIdByApp,
          event_name: 'user_send_image',
          timestamp: String(Date.now()),
          sender: { id: userId },
          recipient: { id: OA_ID },
          message: { msg_id: randomBytes(16).toString('hex'), text: action.caption ?? '', attachments: [{ type: 'image', payload: { url: action.url, thumbnail: action.url } }] },
        };
        label = `Người dân gửi ảnh ${action.url}${action.caption ? ` (${action.caption})` : ''}`;
        break;
      case 'media':
        event = makeMediaEvent({ ...identity, mediaType: action.media });
        label = `Người dân gửi ${{ audio: 'tin nhắn thoại', video: 'video', gif: 'ảnh động', business_card: 'danh thiếp' }[action.media]}`;
        break;
      case 'admin':
        event = makeEchoEvent({ ...identity, text: action.text, adminId: '5551234567890123456' });
        label = `Cán bộ trả lời trong công cụ chat của OA: ${action.text}`;
        break;
    }
    const startedAt = Date.now();
    const signed = signEvent(event, { appId: config.zalo.appId, oaSecretKey: config.zalo.oaSecretKey });
    const res = await fetch(`${base}/webhooks/zalo`, { method: 'POST', headers: signed.headers, body: signed.body });
    if (res.status !== 200) {
      console.error(`Máy chủ từ chối sự kiện: HTTP ${res.status} ${await res.text()}`);
      return 1;
    }
    console.log(`▶ ${label}`);
    if (!sandboxUrl) {
      console.log('Đã gửi sự kiện. Máy chủ đang nối với Zalo thật: câu trả lời được gửi tới Zalo, không in ở đây.');
      continue;
    }
    if (action.kind === 'admin') {
      console.log(`Trợ lý im lặng với người dùng ${userId} trong ${config.zalo.takeoverHours} giờ (trả lại trợ lý ở trang "Kết nối Zalo").`);
      continue;
    }
    const replies = await awaitQuiet(() => sentSince(startedAt));
    if (replies.length === 0 && action.kind !== 'follow') {
      console.error('Chưa nhận được câu trả lời sau 15 giây (xem /healthz).');
      return 1;
    }
    console.log(replies.map((s) => renderZaloMessage(s.message)).join('\n\n———\n\n'));
    console.log('');
  }
  return 0;
}

/** Replies arrive asynchronously (inbox → outbox): waits until they stop coming. */
async function awaitQuiet(read: () => Promise<Sent[]>, timeoutMs = 15_000, quietMs = 800): Promise<Sent[]> {
  const startedAt = Date.now();
  let seen = 0;
  let quietSince = Date.now();
  let sent: Sent[] = [];
  while (Date.now() - startedAt < timeoutMs) {
    sent = await read();
    if (sent.length !== seen) {
      seen = sent.length;
      quietSince = Date.now();
    } else if (seen > 0 && Date.now() - quietSince > quietMs) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return sent;
}
