import type { Executor } from '../store/database.js';
import { audit } from '../staff/audit.js';
import { notifyStaff } from '../staff/notifications.js';
import type { StaffPrincipal } from '../staff/roles.js';
import { pauseSending, resumeSending } from '../zalo/channel-state.js';
import { activeCommuneIds, defaultCommuneId } from '../communes/registry.js';
import { sendingCommune } from '../zalo/outbox-repo.js';

/**
 * A sending rule: pausing and resuming proactive sending, per OA (the state itself is a row per
 * commune in zalo/channel-state.ts, shared by every instance). A pause comes from Zalo itself (an
 * operator, policy or billing code on a send); only a person resumes it, once the cause is dealt
 * with (console or `npm run cli -- zalo:resume --commune ID`). While paused, that OA's proactive
 * messages stay pending in the outbox: nothing is lost, and resuming sends each of them once.
 */

/**
 * Purposes that still go out while proactive sending is paused: answers to what a resident just
 * wrote, and the notices that tell staff about the pause. Everything else (news, petition replies
 * and reminders, digests…) is proactive and waits, pending, until someone resumes.
 */
const SENT_WHILE_PAUSED = new Set(['reply', 'staff_notice']);

export function heldWhilePaused(purpose: string): boolean {
  return !SENT_WHILE_PAUSED.has(purpose);
}

export const PURPOSES_SENT_WHILE_PAUSED: readonly string[] = [...SENT_WHILE_PAUSED];

/** What an admin reads about each code that pauses sending (reference §7), in Vietnamese. */
const PAUSE_ADVICE: Record<number, string> = {
  [-204]: 'OA đã bị vô hiệu hóa (xóa). Kiểm tra tình trạng OA tại oa.zalo.me.',
  [-205]: 'OA không tồn tại. Kiểm tra lại OA đã kết nối.',
  [-209]: 'Ứng dụng Zalo chưa được kích hoạt. Kích hoạt ứng dụng tại developers.zalo.me.',
  [-211]: 'OA đã hết hạn mức (quota) của tính năng. Chờ hạn mức được làm mới hoặc nâng gói.',
  [-212]: 'Ứng dụng chưa đăng ký API "Official Account". Đăng ký tại developers.zalo.me.',
  [-219]: 'Ứng dụng Zalo đã bị gỡ hoặc vô hiệu hóa. Kiểm tra ứng dụng tại developers.zalo.me.',
  [-221]: 'Tính năng này cần OA đã xác thực. Hoàn tất xác thực OA.',
  [-223]: 'OA chưa cấp quyền cho API này (hoặc đã hết hạn mức tạo bài viết). Kết nối lại OA và tích đủ các nhóm quyền.',
  [-224]: 'Gói dịch vụ OA không đủ cho tính năng này. Nâng cấp gói OA.',
  [-235]: 'API không hỗ trợ loại OA này. Kiểm tra loại OA và gói dịch vụ.',
  [-240]: 'API tin nhắn v2 đã ngừng. Cần cập nhật phần mềm.',
  [-242]: 'appsecret_proof không hợp lệ. Kiểm tra cấu hình "app secret proof" của ứng dụng.',
  [-248]: 'Tin nhắn vi phạm tiêu chuẩn nền tảng Zalo. Dừng mọi gửi hàng loạt, xem lại nội dung trước khi tiếp tục.',
  [-320]: 'Ứng dụng chưa liên kết Zalo Cloud Account (tính năng trả phí). Liên kết tài khoản rồi tiếp tục.',
  [-321]: 'Zalo Cloud Account hết tiền hoặc không trừ tiền được. Nạp tiền rồi tiếp tục.',
};

export function pauseAdvice(code: number | null): string {
  return (code !== null && PAUSE_ADVICE[code]) || 'Zalo từ chối gửi tin vì cấu hình hoặc chính sách của OA. Kiểm tra OA và ứng dụng Zalo.';
}

/**
 * Whom a pausing code concerns. Zalo answers these codes to one OA's call, but some describe the
 * Zalo App that every commune's OA goes through (reference §7): the app not activated (-209), not
 * registered for the OA API (-212), removed (-219), calling the shut-down v2 API (-240), a wrong
 * appsecret_proof (-242), the app's Zalo Cloud Account unlinked or unfunded (-320, -321). Those
 * would come back from every OA, so every OA pauses at once and the province is told. Every other
 * pausing code (OA disabled or unknown, its quota, verification, permissions, package, type, a
 * policy violation in what it sent) concerns that OA alone: the other communes keep sending.
 */
const APP_WIDE_CODES = new Set([-209, -212, -219, -240, -242, -320, -321]);

export type PauseScope = 'oa' | 'app';

export function pauseScope(code: number): PauseScope {
  return APP_WIDE_CODES.has(code) ? 'app' : 'oa';
}

/**
 * Pauses proactive sending after Zalo answered `code` to a call of `communeId`'s OA: that OA's, or
 * every OA's when the code concerns the Zalo App (pauseScope). Tells the admins concerned (a
 * console notice and a Zalo message to those who linked their account) once per pause: that
 * commune's, or for the app the province admins and every commune's. Safe to call from every
 * instance at once: only the first pauses and alerts. Returns the communes paused by this call.
 */
export async function pauseAndAlert(db: Executor, o: { communeId: string; code: number; meaning: string; now: Date }): Promise<string[]> {
  const scope = pauseScope(o.code);
  return db.transaction().execute(async (tx) => {
    const communeIds = scope === 'app' ? await activeCommuneIds(tx) : [o.communeId];
    if (scope === 'app' && !communeIds.includes(o.communeId)) communeIds.push(o.communeId);
    const paused = await pauseSending(tx, { communeIds, code: o.code, reason: o.meaning, now: o.now });
    if (paused.length === 0) return [];
    const key = `zalo-pause:${scope === 'app' ? 'app' : o.communeId}:${o.now.toISOString()}`;
    const notice = {
      kind: 'zalo_paused',
      link: '/console/#/zalo',
      key,
      now: o.now,
    };
    if (scope === 'app') {
      const text = `Trợ lý đã tạm dừng gửi tin chủ động qua Zalo của mọi xã (mã lỗi ${o.code}, lỗi của ứng dụng Zalo dùng chung). ${pauseAdvice(o.code)} Tin chưa gửi được giữ lại; khi đã khắc phục, vào trang "Kết nối Zalo" của bàn làm việc để tiếp tục gửi cho từng xã.`;
      await notifyStaff(tx, { ...notice, role: 'province_admin', communeId: null, text });
      await notifyStaff(tx, { ...notice, role: 'admin', communeId: null, text });
    } else {
      const text = `Trợ lý đã tạm dừng gửi tin chủ động qua OA Zalo của xã (mã lỗi ${o.code}). ${pauseAdvice(o.code)} Tin chưa gửi được giữ lại; khi đã khắc phục, vào trang "Kết nối Zalo" của bàn làm việc để tiếp tục gửi.`;
      await notifyStaff(tx, { ...notice, role: 'admin', communeId: o.communeId, text });
    }
    for (const id of paused) await audit(tx, null, 'zalo.sending_paused', { type: 'zalo', id }, o.now, { code: o.code, scope });
    return paused;
  });
}

/** Resumes one commune's proactive sending; returns how many of its held messages will now go out (0 if it was not paused). */
export async function resumeProactiveSending(
  db: Executor,
  o: { communeId: string; now: Date; actor: Pick<StaffPrincipal, 'id' | 'username'> | null },
): Promise<{ resumed: boolean; held: number }> {
  return db.transaction().execute(async (tx) => {
    const lifted = await resumeSending(tx, o.communeId, o.now);
    if (!lifted) return { resumed: false, held: 0 };
    const held = await tx
      .selectFrom('outbound_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .where('purpose', 'not in', PURPOSES_SENT_WHILE_PAUSED)
      .where(sendingCommune('outbound_messages', (await defaultCommuneId(tx)) ?? o.communeId), '=', o.communeId)
      .executeTakeFirstOrThrow();
    await audit(tx, o.actor, 'zalo.sending_resumed', { type: 'zalo', id: o.communeId }, o.now, { code: lifted.code, held: Number(held.n) });
    return { resumed: true, held: Number(held.n) };
  });
}
