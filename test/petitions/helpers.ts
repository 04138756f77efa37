import { randomBytes } from 'node:crypto';
import type { RunningApp } from '../../src/main.js';
import { makeTextEvent } from '../../src/zalo/sandbox-webhook.js';
import type { SentMessage, ZaloSandbox } from '../../src/zalo/sandbox.js';
import { numericId } from '../../src/zalo/sandbox-state.js';
import { LogCapture, newUserId, sendAndAwaitReplies, startTestApp } from '../helpers/app.js';

/** The app's clock: real time plus an offset tests move forward ("the resident went quiet for an hour"). */
export class TestClock {
  offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  reset(): void {
    this.offsetMs = 0;
  }
}

export interface PetitionAppOptions {
  sandbox: ZaloSandbox;
  databaseUrl: string;
  clock: TestClock;
  workers?: boolean;
  logs?: LogCapture;
  env?: Record<string, string>;
}

/** The app as startTestApp starts it, on this movable clock. */
export function startPetitionApp(o: PetitionAppOptions): Promise<RunningApp> {
  return startTestApp({ sandbox: o.sandbox, databaseUrl: o.databaseUrl, workers: o.workers, logs: o.logs, env: o.env, clock: o.clock.now });
}

/** A resident: their OA-scoped id (chat) and app-scoped id (Mini App, user_id_by_app). */
export interface Resident {
  userId: string;
  appUserId: string;
}

export function newResident(): Resident {
  return { userId: newUserId(), appUserId: numericId() };
}

type Event = Record<string, unknown>;

export function textFrom(sandbox: ZaloSandbox, r: Resident, text: string, clock: TestClock): Event {
  return makeTextEvent({ appId: sandbox.appId, oaId: sandbox.oaId, userId: r.userId, userIdByApp: r.appUserId, text, timestamp: clock.now().getTime() });
}

export function imageFrom(sandbox: ZaloSandbox, r: Resident, url: string, clock: TestClock, caption = ''): Event {
  return {
    app_id: sandbox.appId,
    user_id_by_app: r.appUserId,
    event_name: 'user_send_image',
    timestamp: String(clock.now().getTime()),
    sender: { id: r.userId },
    recipient: { id: sandbox.oaId },
    message: { msg_id: randomBytes(16).toString('hex'), text: caption, attachments: [{ type: 'image', payload: { url, thumbnail: url } }] },
  };
}

export function submitInfoFrom(sandbox: ZaloSandbox, r: Resident, info: Record<string, string>, clock: TestClock): Event {
  return {
    app_id: sandbox.appId,
    user_id_by_app: r.appUserId,
    event_name: 'user_submit_info',
    timestamp: String(clock.now().getTime()),
    sender: { id: r.userId },
    recipient: { id: sandbox.oaId },
    info,
  };
}

export interface SentView {
  text: string;
  payloads: string[];
  kind: 'text' | 'request_user_info';
  raw: SentMessage;
}

export function view(m: SentMessage): SentView {
  const msg = m.message as { text?: string; attachment?: { payload?: { template_type?: string; buttons?: Array<{ payload: unknown }> } } };
  const buttons = msg.attachment?.payload?.buttons ?? [];
  return {
    text: msg.text ?? '',
    payloads: buttons.map((b) => (typeof b.payload === 'string' ? b.payload : JSON.stringify(b.payload))),
    kind: msg.attachment?.payload?.template_type === 'request_user_info' ? 'request_user_info' : 'text',
    raw: m,
  };
}

export function sentTo(sandbox: ZaloSandbox, userId: string): SentView[] {
  return sandbox.sent.filter((m) => m.userId === userId).map(view);
}

/**
 * Posts a signed event and waits until the app has handled it and Zalo (the sandbox) received
 * every reply queued for it; returns those replies.
 */
export async function exchange(app: RunningApp, sandbox: ZaloSandbox, event: Event): Promise<SentView[]> {
  return (await sendAndAwaitReplies(app, sandbox, event)).map(view);
}

/** The whole chat flow, as a resident taps and types it; returns the confirmation. */
export async function fileByChat(
  app: RunningApp,
  sandbox: ZaloSandbox,
  clock: TestClock,
  r: Resident,
  o: { category?: string; content: string[]; contact?: Record<string, string> },
): Promise<{ code: string; confirmation: SentView }> {
  await exchange(app, sandbox, textFrom(sandbox, r, '#phan-anh', clock));
  await exchange(app, sandbox, textFrom(sandbox, r, `#pa-loai ${o.category ?? 'ha-tang-moi-truong'}`, clock));
  for (const part of o.content) await exchange(app, sandbox, textFrom(sandbox, r, part, clock));
  await exchange(app, sandbox, textFrom(sandbox, r, '#pa-xong', clock));
  if (o.contact) await exchange(app, sandbox, submitInfoFrom(sandbox, r, o.contact, clock));
  else await exchange(app, sandbox, textFrom(sandbox, r, '#pa-bo-qua', clock));
  const done = await exchange(app, sandbox, textFrom(sandbox, r, '#pa-gui', clock));
  const confirmation = done.find((m) => m.text.includes('Mã phản ánh'));
  if (!confirmation) throw new Error(`no confirmation: ${JSON.stringify(done.map((m) => m.text))}`);
  return { code: /PA-\d{4}-\d{6}/.exec(confirmation.text)![0], confirmation };
}

export async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export function submitForm(app: RunningApp, body: unknown, o: { token?: string; ip?: string } = {}): Promise<Response> {
  return fetch(`${app.url}/api/petitions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(o.token ? { 'x-zalo-access-token': o.token } : {}),
      ...(o.ip ? { 'x-forwarded-for': o.ip } : {}),
    },
    body: JSON.stringify(body),
  });
}

export function lookup(app: RunningApp, code: string, o: { token?: string; ip?: string } = {}): Promise<Response> {
  return fetch(`${app.url}/api/petitions/${encodeURIComponent(code)}`, {
    headers: { ...(o.token ? { 'x-zalo-access-token': o.token } : {}), ...(o.ip ? { 'x-forwarded-for': o.ip } : {}) },
  });
}

let ipCounter = 0;
/** A fresh client address, sent as X-Forwarded-For (for an app started with TRUST_PROXY=loopback). */
export function newIp(): string {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}
