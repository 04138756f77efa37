import type { Reply, ReplyButton } from '../assistant/reply.js';
import { SCALE, SURVEY_CRITERIA } from './criteria.js';

/** Button payloads of the survey (internal: Zalo hides them). */
export const SURVEY_PAYLOAD = {
  /** "#khao-sat" alone, or followed by a petition code. */
  start: '#khao-sat',
  score: '#khao-sat-diem',
  later: '#khao-sat-de-sau',
} as const;

/** After a petition is closed, inside the free window: an invitation, not the questions themselves. */
export function invitation(code: string): Reply {
  return {
    text: [
      `Dạ, để xã phục vụ tốt hơn, mời ông/bà dành khoảng một phút trả lời phiếu đánh giá mức độ hài lòng (5 câu, chấm từ 1 đến 5) về việc giải quyết phản ánh ${code}.`,
    ].join('\n'),
    buttons: [
      { kind: 'query', title: 'Bắt đầu đánh giá', payload: `${SURVEY_PAYLOAD.start} ${code}` },
      { kind: 'query', title: 'Để sau', payload: SURVEY_PAYLOAD.later },
    ],
  };
}

export function question(index: number, lead?: string): Reply {
  const c = SURVEY_CRITERIA[index]!;
  return {
    text: [lead, `Câu ${index + 1}/${SURVEY_CRITERIA.length} – ${c.name}: ${c.question}`, ...SCALE.map((s, i) => `${i + 1}. ${s}`), 'Ông/bà bấm nút hoặc nhắn một số từ 1 đến 5.']
      .filter(Boolean)
      .join('\n'),
    buttons: SCALE.map((s, i): ReplyButton => ({ kind: 'query', title: `${i + 1} – ${s}`, payload: `${SURVEY_PAYLOAD.score} ${i + 1}` })),
  };
}

export const START_LEAD = 'Dạ, xin cảm ơn ông/bà. Phiếu có 5 câu, chấm từ 1 (rất không hài lòng) đến 5 (rất hài lòng); nhắn "dừng" để dừng.';
export const NOT_A_SCORE = 'Dạ, ông/bà vui lòng chọn một số từ 1 đến 5, hoặc nhắn "dừng" để dừng đánh giá.';

export function thanks(): Reply {
  return { text: 'Dạ, xã xin cảm ơn ông/bà đã đánh giá! Ý kiến của ông/bà được tổng hợp để cải thiện việc phục vụ người dân.', buttons: [] };
}

export function alreadyAnswered(): Reply {
  return { text: 'Dạ, ông/bà đã gửi phiếu đánh giá cho phản ánh này rồi. Xin cảm ơn ông/bà!', buttons: [] };
}

export function stopped(): Reply {
  return { text: 'Dạ, đã dừng phiếu đánh giá. Khi cần, ông/bà nhắn "đánh giá hài lòng" để làm lại từ đầu.', buttons: [] };
}

export function later(): Reply {
  return { text: 'Dạ vâng ạ. Khi thuận tiện, ông/bà bấm "Bắt đầu đánh giá" ở tin nhắn trên hoặc nhắn "đánh giá hài lòng".', buttons: [] };
}
