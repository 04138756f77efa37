import type { Reply } from '../assistant/reply.js';
import { WATCHED_LABELS, type Watched } from './fingerprint.js';

export interface AlertView {
  procedureName: string;
  changed: Watched[];
  url: string;
}

const list = (changed: Watched[]) => changed.map((c) => WATCHED_LABELS[c]).join(', ');

/** One change, told inside the free window. */
export function alertReply(a: AlertView): Reply {
  return {
    text: [
      `Dạ, thủ tục "${a.procedureName}" mà ông/bà hỏi gần đây vừa được cập nhật: ${list(a.changed)}.`,
      `Ông/bà vui lòng xem thông tin mới trước khi đi nộp hồ sơ: ${a.url}`,
    ].join('\n'),
    buttons: [{ kind: 'url', title: 'Xem thông tin mới', url: a.url }],
  };
}

/** Changes the resident missed while outside the window, with their next message. */
export function digestReply(alerts: AlertView[]): Reply {
  return {
    text: [
      `Dạ, ${alerts.length === 1 ? 'thủ tục' : 'các thủ tục'} ông/bà hỏi gần đây đã được cập nhật:`,
      ...alerts.map((a) => `• ${a.procedureName}: ${list(a.changed)}\n  ${a.url}`),
    ].join('\n'),
    buttons: [],
  };
}
