import { Badge } from '../../components/ui';
import type { Announcement, AnnouncementStatus } from '../../services/types';

export const STATUS_OPTIONS: Array<{ value: AnnouncementStatus | ''; label: string }> = [
  { value: '', label: 'Tất cả' },
  { value: 'draft', label: 'Bản nháp' },
  { value: 'submitted', label: 'Chờ duyệt' },
  { value: 'rejected', label: 'Bị trả lại' },
  { value: 'approved', label: 'Đã duyệt' },
  { value: 'scheduled', label: 'Đã hẹn giờ' },
  { value: 'sending', label: 'Đang gửi' },
  { value: 'sent', label: 'Đã gửi' },
  { value: 'cancelled', label: 'Đã hủy' },
];

const TONE: Record<AnnouncementStatus, 'neutral' | 'info' | 'ok' | 'warn' | 'bad'> = {
  draft: 'neutral',
  submitted: 'warn',
  rejected: 'bad',
  approved: 'info',
  scheduled: 'info',
  sending: 'info',
  sent: 'ok',
  cancelled: 'neutral',
};

export function AnnouncementBadge({ a }: { a: Pick<Announcement, 'status' | 'statusLabel'> }) {
  return <Badge tone={TONE[a.status]}>{a.statusLabel}</Badge>;
}
