import type { Executor } from '../store/database.js';
import { readAppChannelState, readChannelState } from './channel-state.js';
import { pauseAdvice } from '../messaging/sending-pause.js';
import type { TokenStatus } from './token-store.js';

/** One OA's state in a word: what /healthz lists for each commune. */
export type OaState = 'ok' | 'paused' | 'tokens_dead' | 'no_tokens';

/** A commune's OA channel at a glance, for /healthz and the console (no personal data, no secrets). */
export interface ZaloChannelStatus {
  communeId: string;
  /** False while proactive sending is paused or the tokens are dead: /healthz answers 503. */
  ok: boolean;
  state: OaState;
  /** Why not ok, in Vietnamese for staff; undefined when ok. */
  problem: string | undefined;
  sending: { paused: boolean; pausedAt: string | null; code: number | null; reason: string | null; advice: string | null };
  tokens: TokenStatus;
  /** The Zalo App's webhook (one for every OA). */
  webhook: { signatureFailures: number; lastSignatureFailureAt: string | null; foreignAppEvents: number; parkedEvents: number };
}

/** What /healthz lists for each OA. */
export interface OaHealth {
  communeId: string;
  name: string;
  ok: boolean;
  state: OaState;
  problem: string | undefined;
}

function stateOf(paused: boolean, tokens: TokenStatus): OaState {
  if (paused) return 'paused';
  if (!tokens.present) return 'no_tokens';
  return tokens.dead ? 'tokens_dead' : 'ok';
}

export async function zaloChannelStatus(db: Executor, communeId: string, tokens: { status(): Promise<TokenStatus> }): Promise<ZaloChannelStatus> {
  const state = await readChannelState(db, communeId);
  const app = await readAppChannelState(db);
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
        ? `Mã truy cập Zalo không làm mới được (${tokenStatus.lastError}). Kết nối lại OA hoặc nạp cặp mã mới (zalo:set-tokens --commune ${communeId}).`
        : `Chưa có mã truy cập Zalo. Kết nối OA từ bàn làm việc hoặc bằng lệnh zalo:connect --commune ${communeId}.`
      : undefined;
  return {
    communeId,
    ok: problem === undefined,
    state: stateOf(paused, tokenStatus),
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
      signatureFailures: app?.signature_failures ?? 0,
      lastSignatureFailureAt: app?.last_signature_failure_at ?? null,
      foreignAppEvents: app?.foreign_app_events ?? 0,
      parkedEvents: Number(parked.n),
    },
  };
}

/**
 * Every active commune's OA for /healthz: `channel` is the first commune's full status (the body
 * the single-OA deployment answered), `oas` one line per commune. Unhealthy when any OA that was
 * connected cannot deliver (paused, or its tokens refused). An OA never connected (no pair yet,
 * a commune being set up) is listed as `no_tokens` but does not fail health: Zalo sends nothing
 * for it yet, and one commune's paperwork must not take the province's instances out of service.
 */
export async function zaloChannelsHealth(
  db: Executor,
  communes: ReadonlyArray<{ id: string; name: string }>,
  tokensOf: (communeId: string) => { status(): Promise<TokenStatus> },
): Promise<{ ok: boolean; channel: ZaloChannelStatus | undefined; oas: OaHealth[] }> {
  const statuses = [];
  for (const c of communes) statuses.push({ name: c.name, status: await zaloChannelStatus(db, c.id, tokensOf(c.id)) });
  const oas = statuses.map(({ name, status: s }) => ({ communeId: s.communeId, name, ok: s.ok, state: s.state, problem: s.problem }));
  return { ok: oas.every((s) => s.ok || s.state === 'no_tokens'), channel: statuses[0]?.status, oas };
}
