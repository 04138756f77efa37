/**
 * A petition's history as staff read it: one Vietnamese sentence per recorded action, with the
 * names people know ("Lan nhận xử lý", "Lan phân công cho Hùng"), not the audit log's codes.
 */
export interface HistoryEntry {
  action: string;
  /** Display name of who acted; null for the system (or a resident's own submission). */
  actorName: string | null;
  details: Record<string, unknown>;
}

export function historyText(entry: HistoryEntry, nameOf: (staffId: string) => string | undefined): string {
  const who = entry.actorName ?? 'Hệ thống';
  const d = entry.details;
  switch (entry.action) {
    case 'petition.assign': {
      const to = typeof d.assigneeId === 'string' ? d.assigneeId : null;
      if (to === null) return `${who} bỏ phân công`;
      const target = nameOf(to);
      return target === entry.actorName || (!target && !entry.actorName) ? `${who} nhận xử lý` : `${who} phân công cho ${target ?? 'một cán bộ'}`;
    }
    case 'petition.note':
      return `${who} thêm ghi chú nội bộ`;
    case 'petition.reply':
      return `${who} gửi trả lời cho người dân`;
    case 'petition.close':
      return `${who} đóng phản ánh`;
    case 'petition.out_of_scope':
      return `${who} báo không thuộc phạm vi của xã`;
    case 'petition.publish':
      return `${who} công khai câu trả lời`;
    case 'petition.unpublish':
      return `${who} gỡ câu trả lời khỏi danh sách công khai`;
    default:
      return `${who}: ${entry.action}`;
  }
}
