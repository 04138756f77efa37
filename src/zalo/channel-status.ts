import type { Executor } from '../store/database.js';
import { readChannelState } from './channel-state.js';
import { pauseAdvice } from '../messaging/sending-pause.js';
import type { TokenStatus } from './token-store.js';

/** The OA channel at a glance, for /healthz and the console (no personal data, no secrets). */
export interface ZaloChannelStatus {
  /** False while proactive sending is paused or the tokens are dead: /healthz answers 503. */
  ok: boolean;
  /** Why not ok, in Vietnamese for staff; undefined when ok. */
  problem: string | undefined;
  sending: { paused: boolean; pausedAt: string | null; code: number | null; reason: string | null; advice: string | null };
  tokens: TokenStatus;
  webhook: { signatureFailures: number; lastSignatureFailureAt: string | null; foreignAppEvents: number; parkedEvents: number };
}

export async function zaloChannelStatus(db: Executor, tokens: { status(): Promise<TokenStatus> }): Promise<ZaloChannelStatus> {
  const state = await readChannelState(db);
  const tokenStatus = await tokens.status();
  const parked = await db
    .selectFrom('inbound_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'parked')
    .executeTakeFirstOrThrow();
  const paused = Boolean(state?.paused_at);
  const problem = paused
    ? `Đang tạm dừng gửi tin chủ động (mã ${state!.pause_code}): ${pauseAdvice(state!.pause_code)}`
    : tokenStatus.dead
      ? tokenStatus.present
        ? `Mã truy cập Zalo không làm mới được (${tokenStatus.lastError}). Kết nối lại OA hoặc nạp cặp mã mới (zalo:set-tokens).`
        : 'Chưa có mã truy cập Zalo. Kết nối OA từ bàn làm việc hoặc bằng lệnh zalo:connect.'
      : undefined;
  return {
    ok: problem === undefined,
    problem,
    sending: {
      paused,
      pausedAt: state?.paused_at ?? null,
      code: state?.pause_code ?? null,
      reason: state?.pause_reason ?? null,
      advice: paused ? pauseAdvice(state!.pause_code) : null,
    },
    tokens: tokenStatus,
    webhook: {
      signatureFailures: state?.signature_failures ?? 0,
      lastSignatureFailureAt: state?.last_signature_failure_at ?? null,
      foreignAppEvents: state?.foreign_app_events ?? 0,
      parkedEvents: Number(parked.n),
    },
  };
}
