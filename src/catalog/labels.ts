import type { Procedure } from './schema.js';

/**
 * How catalog facts are labelled for residents, on every channel (chat, Mini App, public page,
 * print): one home, so the channels never word the same fact differently.
 */

/** "0200 000 0000 (số ví dụ)": example numbers are never passed off as real. */
export function phoneLabel(p: { number: string; example: boolean }): string {
  return p.example ? `${p.number} (số ví dụ)` : p.number;
}

/** Hotlines are written with spaces and dots; a dialer wants digits. */
export function dialable(number: string): string {
  return number.replace(/[^0-9+]/g, '');
}

const ONLINE_PLAIN: Record<Procedure['online_level'], string> = {
  toan_trinh: 'Nộp và nhận kết quả hoàn toàn trên mạng (dịch vụ công trực tuyến toàn trình, trước gọi là mức độ 4).',
  mot_phan: 'Nộp hồ sơ trên mạng được, nhưng còn ít nhất một bước phải đến xã (trực tuyến một phần, trước gọi là mức độ 3).',
  truc_tiep: 'Thủ tục này không nộp trực tuyến: ông/bà nộp trực tiếp tại nơi tiếp nhận.',
  chua_xac_nhan: 'Việc nộp trực tuyến do tỉnh công bố; ông/bà vui lòng kiểm tra trên Cổng Dịch vụ công.',
};

/** What the online-service level means for the resident, in plain words. */
export function onlineLevelPlain(level: Procedure['online_level']): string {
  return ONLINE_PLAIN[level];
}

/** Whether the procedure can be submitted online at all (either online level). */
export function canSubmitOnline(level: Procedure['online_level']): boolean {
  return level === 'toan_trinh' || level === 'mot_phan';
}
