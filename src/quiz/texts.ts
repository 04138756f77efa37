import type { Reply, ReplyButton } from '../assistant/reply.js';
import type { QuizQuestion } from './quiz-schema.js';
import type { QuizResult } from './scoring.js';

/** Button payloads of the quiz (internal: Zalo hides them). */
export const QUIZ_PAYLOAD = {
  start: '#thi',
  answer: '#thi-dap-an',
  stop: '#thi-dung',
} as const;

const stopButton: ReplyButton = { kind: 'query', title: 'Dừng', payload: QUIZ_PAYLOAD.stop };

export function quizIntro(title: string, intro: string, count: number): string {
  return [`Dạ, mời ông/bà tham gia cuộc thi "${title}" (${count} câu hỏi).`, intro, 'Mỗi người được làm một lần; kết quả và giải thích có ngay sau câu cuối.']
    .filter(Boolean)
    .join('\n');
}

export function questionReply(q: QuizQuestion, index: number, count: number, lead?: string): Reply {
  return {
    text: [lead, `Câu ${index + 1}/${count}: ${q.text}`, ...q.choices.map((c, i) => `${i + 1}. ${c}`), `Ông/bà bấm nút hoặc nhắn số thứ tự (1–${q.choices.length}).`]
      .filter(Boolean)
      .join('\n'),
    buttons: [...q.choices.map((c, i): ReplyButton => ({ kind: 'query', title: `${i + 1}. ${c}`, payload: `${QUIZ_PAYLOAD.answer} ${i + 1}` })), ...(q.choices.length < 4 ? [stopButton] : [])],
  };
}

export function notAnAnswer(count: number): string {
  return `Dạ, ông/bà vui lòng chọn một đáp án từ 1 đến ${count}, hoặc nhắn "dừng" để dừng cuộc thi.`;
}

export function resultReply(title: string, r: QuizResult): Reply {
  const lines = r.items.map((i) => {
    const mark = i.right ? '✅' : '❌';
    const chosen = i.right ? '' : ` Đáp án đúng: ${i.correctAnswer}.`;
    const link = i.link ? `\n   ${i.link.title}: ${i.link.url}` : '';
    return `${mark} Câu ${i.number}.${chosen} ${i.explanation}${link}`;
  });
  return {
    text: [`Dạ, ông/bà đã hoàn thành cuộc thi "${title}": đúng ${r.score}/${r.total} câu. Xin cảm ơn ông/bà!`, ...lines].join('\n'),
    buttons: [],
  };
}

export function alreadyTaken(title: string, score: number, total: number): Reply {
  return { text: `Dạ, ông/bà đã tham gia cuộc thi "${title}" (đúng ${score}/${total} câu). Mỗi người chỉ được làm một lần ạ.`, buttons: [] };
}

export function noOpenQuiz(): Reply {
  return { text: 'Dạ, hiện xã chưa mở cuộc thi tìm hiểu nào. Khi có cuộc thi mới, xã sẽ thông báo trên trang tin ạ.', buttons: [] };
}

export function quizEnded(title: string): Reply {
  return { text: `Dạ, cuộc thi "${title}" đã kết thúc nên bài của ông/bà chưa được ghi nhận. Xin cảm ơn ông/bà đã quan tâm!`, buttons: [] };
}

export function stopped(): Reply {
  return { text: 'Dạ, đã dừng cuộc thi; bài chưa nộp nên ông/bà có thể làm lại từ đầu khi nhắn "thi tìm hiểu".', buttons: [] };
}
