import type { Executor } from '../store/database.js';
import { audit } from '../staff/audit.js';
import { notifyStaff } from '../staff/notifications.js';
import type { StaffPrincipal } from '../staff/roles.js';
import { pauseSending, resumeSending } from '../zalo/channel-state.js';

/**
 * A sending rule: pausing and resuming proactive sending for the OA (the state itself is a row of
 * zalo/channel-state.ts, shared by every instance). A pause comes from Zalo itself (an operator,
 * policy or billing code on a send); only a person resumes it, once the cause is dealt with
 * (console or `npm run cli -- zalo:resume`). While paused, proactive messages stay pending in the
 * outbox: nothing is lost, and resuming sends each of them once.
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
 * Pauses proactive sending after Zalo answered `code`, and tells the admins (a console notice and
 * a Zalo message to those who linked their account) once per pause. Safe to call from every
 * instance at once: only the first pauses and alerts.
 */
export async function pauseAndAlert(db: Executor, o: { code: number; meaning: string; now: Date }): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const paused = await pauseSending(tx, { code: o.code, reason: o.meaning, now: o.now });
    if (!paused) return false;
    await notifyStaff(tx, {
      role: 'admin',
      kind: 'zalo_paused',
      text: `Trợ lý đã tạm dừng gửi tin chủ động qua Zalo (mã lỗi ${o.code}). ${pauseAdvice(o.code)} Tin chưa gửi được giữ lại; khi đã khắc phục, vào trang "Kết nối Zalo" của bàn làm việc để tiếp tục gửi.`,
      link: '/console/#/zalo',
      key: `zalo-pause:${o.now.toISOString()}`,
      now: o.now,
    });
    await audit(tx, null, 'zalo.sending_paused', { type: 'zalo', id: 'oa' }, o.now, { code: o.code });
    return true;
  });
}

/** Resumes proactive sending; returns how many held messages will now go out (0 if it was not paused). */
export async function resumeProactiveSending(
  db: Executor,
  o: { now: Date; actor: Pick<StaffPrincipal, 'id' | 'username'> | null },
): Promise<{ resumed: boolean; held: number }> {
  return db.transaction().execute(async (tx) => {
    const lifted = await resumeSending(tx, o.now);
    if (!lifted) return { resumed: false, held: 0 };
    const held = await tx
      .selectFrom('outbound_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .where('purpose', 'not in', PURPOSES_SENT_WHILE_PAUSED)
      .executeTakeFirstOrThrow();
    await audit(tx, o.actor, 'zalo.sending_resumed', { type: 'zalo', id: 'oa' }, o.now, { code: lifted.code, held: Number(held.n) });
    return { resumed: true, held: Number(held.n) };
  });
}
