import type { PetitionStatus } from '../../services/types';

/**
 * The inbox's default view: everything that still needs action, answered-but-open petitions
 * included (they still have to be closed, or followed up if the resident writes back).
 */
export const OPEN_FILTER = 'received,in_progress,answered';

export const STATUS_FILTERS: Array<{ value: string; label: string }> = [
  { value: OPEN_FILTER, label: 'Cần xử lý (chưa hoàn tất)' },
  { value: 'received,in_progress', label: 'Chưa trả lời' },
  { value: '', label: 'Tất cả' },
  { value: 'received', label: 'Mới tiếp nhận' },
  { value: 'in_progress', label: 'Đang xử lý' },
  { value: 'answered', label: 'Đã trả lời' },
  { value: 'closed', label: 'Đã hoàn tất' },
  { value: 'out_of_scope', label: 'Không thuộc phạm vi' },
];

export const STATUS_TONE: Record<PetitionStatus, 'neutral' | 'info' | 'ok' | 'warn' | 'bad'> = {
  received: 'warn',
  in_progress: 'info',
  answered: 'ok',
  closed: 'neutral',
  out_of_scope: 'neutral',
};

export const CHANNEL_LABELS: Record<string, string> = { zalo: 'Zalo chat', miniapp: 'Mini App', web: 'Trang web' };

export const DELIVERY_LABELS: Record<string, string> = {
  queued: 'Đang chờ gửi qua Zalo',
  sent: 'Đã gửi qua Zalo',
  awaiting_interaction: 'Chờ người dân nhắn lại (quá 7 ngày)',
  delivered_in_chat: 'Đã gửi trong cuộc trò chuyện',
  failed: 'Gửi lỗi',
  none: 'Không gửi được qua Zalo: gọi điện cho người dân nếu có số',
};

export const FINAL: PetitionStatus[] = ['closed', 'out_of_scope'];
