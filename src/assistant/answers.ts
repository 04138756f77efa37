import type { Commune, LifeEvent, Procedure } from '../catalog/schema.js';
import { dialable, phoneLabel } from '../catalog/labels.js';
import { FACET_PAYLOAD } from './procedure-replies.js';
import type { Reply, ReplyButton } from './reply.js';

/** Payload of the "pick this procedure" buttons and typed picks: the resident chose. */
export const PICK_PAYLOAD = '#thu-tuc';

/** Where residents can read a procedure in full (the public page served by the app). */
export interface AnswerLinks {
  procedurePage: (id: string) => string;
}

function mainHotline(commune: Commune) {
  return commune.hotlines[0]!;
}

export function hotlineButton(commune: Commune): ReplyButton {
  return { kind: 'phone', title: 'Gọi hỗ trợ', phone: dialable(mainHotline(commune).number) };
}

/**
 * The best procedure is probably right but not certainly: answer it, and offer the close
 * alternatives, so a wrong guess costs the resident one tap (or typing the number).
 */
export function withAlternatives(answer: Reply, alternatives: Procedure[]): Reply {
  if (alternatives.length === 0) return answer;
  const shown = alternatives.slice(0, 2);
  const note = ['Nếu ông/bà hỏi việc khác, xin bấm hoặc nhắn số:', ...shown.map((a, i) => `${i + 1}. ${a.name}`)].join('\n');
  return {
    text: `${answer.text}\n\n${note}`,
    buttons: [
      ...shown.map((a): ReplyButton => ({ kind: 'query', title: a.name, payload: `${PICK_PAYLOAD} ${a.id}` })),
      ...answer.buttons.slice(0, 5 - shown.length),
    ],
  };
}

/** Nothing fits: say so plainly, and offer the hotline and a question to the commune. */
export function noMatchAnswer(commune: Commune): Reply {
  const hotline = mainHotline(commune);
  return {
    text: [
      'Dạ, trợ lý chưa tìm được thủ tục phù hợp với câu hỏi của ông/bà.',
      'Ông/bà có thể nhắn rõ hơn việc cần làm, ví dụ: "làm giấy khai sinh cho con", "mất sổ đỏ".',
      `Hoặc gọi ${hotline.label}: ${phoneLabel(hotline)}, hay gửi câu hỏi để cán bộ xã trả lời.`,
    ].join('\n'),
    buttons: [hotlineButton(commune), { kind: 'query', title: 'Gửi câu hỏi cho xã', payload: '#phan-anh' }, { kind: 'query', title: 'Tra cứu thủ tục', payload: '#tra-cuu' }],
  };
}

/**
 * The event's warm word as the first line of a reply: "Dạ, " and the opening, lower-cased after it.
 * An opening staff wrote with its own "Dạ," keeps a single one.
 */
export function lifeEventGreeting(event: LifeEvent): string {
  const opening = event.opening.trim().replace(/^dạ,?\s*/iu, '');
  return `Dạ, ${opening.replace(/^\p{Lu}(?=\p{Ll})/u, (c) => c.toLowerCase())}`;
}

/** A life event: a warm word, then what the family does at the commune, in order, one tap each. */
export function lifeEventAnswer(event: LifeEvent, procedures: Map<string, Procedure>, commune: Commune): Reply {
  const steps = event.steps.filter((s) => procedures.has(s.procedure));
  const lines = steps.map((s, i) => {
    const name = procedures.get(s.procedure)!.name;
    return `${i + 1}. ${s.when ? `${s.when}: ` : ''}${name}${s.note ? `. ${s.note}` : ''}`;
  });
  return {
    text: [lifeEventGreeting(event), event.intro, ...lines, 'Ông/bà bấm hoặc nhắn số thứ tự để xem giấy tờ cần chuẩn bị cho từng việc.'].join('\n'),
    buttons: [
      ...steps.slice(0, 4).map((s, i): ReplyButton => ({ kind: 'query', title: `${i + 1}. ${procedures.get(s.procedure)!.name}`, payload: `${PICK_PAYLOAD} ${s.procedure}` })),
      hotlineButton(commune),
    ],
  };
}

/** The facet buttons' payload for one procedure (used by typed follow-ups too). */
export function facetPayload(id: string, facet: string): string {
  return `${FACET_PAYLOAD} ${id} ${facet}`;
}

/** Two or three procedures fit equally: ask which one instead of guessing. */
export function choiceAnswer(procedures: Procedure[], commune: Commune): Reply {
  return {
    text: [
      'Dạ, ông/bà đang hỏi về thủ tục nào dưới đây ạ?',
      ...procedures.slice(0, 3).map((p, i) => `${i + 1}. ${p.name}`),
      'Ông/bà bấm vào một thủ tục hoặc nhắn số thứ tự.',
    ].join('\n'),
    buttons: procedures
      .slice(0, 3)
      .map((p): ReplyButton => ({ kind: 'query', title: p.name, payload: `${PICK_PAYLOAD} ${p.id}` })),
  };
}

export function hotlineAnswer(commune: Commune): Reply {
  const lines = commune.hotlines.map((h) => `• ${h.label}: ${phoneLabel(h)}`);
  const national = commune.national_portal.hotline;
  return {
    text: [
      'Dạ, ông/bà có thể gọi:',
      ...lines,
      `• ${national.label}: ${national.number}`,
      'Nếu cán bộ gây khó khăn, ông/bà có thể gọi đường dây nóng hoặc gửi phản ánh ngay tại đây.',
    ].join('\n'),
    buttons: [
      hotlineButton(commune),
      { kind: 'query', title: 'Gửi phản ánh', payload: '#phan-anh' },
    ],
  };
}

export function hoursAnswer(commune: Commune): Reply {
  const h = commune.office_hours;
  return {
    text: [
      `Dạ, ${commune.desk.name} – ${commune.name}:`,
      `Địa chỉ: ${commune.address}`,
      `Nơi tiếp nhận: ${commune.desk.location}`,
      `Giờ làm việc: ${h.weekdays}`,
      `Thứ Bảy: ${h.saturday}`,
      ...(h.note ? [h.note] : []),
      'Hồ sơ cư trú, căn cước nộp tại Công an xã.',
    ].join('\n'),
    buttons: [hotlineButton(commune)],
  };
}

export function onlineGuideAnswer(commune: Commune): Reply {
  const portal = commune.national_portal;
  return {
    text: [
      'Dạ, để nộp hồ sơ trực tuyến, ông/bà làm như sau:',
      `1. Vào ${portal.name}: ${portal.url} (hoặc cổng của tỉnh: ${commune.province_portal.url}).`,
      '2. Đăng nhập bằng tài khoản định danh điện tử VNeID.',
      '3. Tìm tên thủ tục, điền tờ khai, đính kèm ảnh giấy tờ và nộp.',
      '4. Nộp lệ phí trực tuyến nếu thủ tục có thu, rồi theo dõi kết quả trên cổng.',
      'Toàn trình: làm hết trên mạng. Một phần: còn một bước phải đến xã.',
      `Cần hỗ trợ, ông/bà gọi ${portal.hotline.number} (tổng đài Cổng Dịch vụ công quốc gia).`,
    ].join('\n'),
    buttons: [
      { kind: 'url', title: 'Mở Cổng Dịch vụ công', url: portal.url },
      { kind: 'phone', title: 'Gọi tổng đài', phone: dialable(portal.hotline.number) },
    ],
  };
}

export function greetingAnswer(commune: Commune): Reply {
  return {
    text: [
      `Dạ, ${commune.name} xin chào ông/bà!`,
      'Ông/bà có thể hỏi về thủ tục hành chính, ví dụ: "đăng ký khai sinh cần giấy tờ gì".',
      'Hoặc chọn một mục bên dưới.',
    ].join('\n'),
    buttons: [
      { kind: 'query', title: 'Tra cứu thủ tục', payload: '#tra-cuu' },
      { kind: 'query', title: 'Gửi phản ánh', payload: '#phan-anh' },
      hotlineButton(commune),
    ],
  };
}

export function outOfScopeAnswer(commune: Commune): Reply {
  const hotline = mainHotline(commune);
  return {
    text: [
      'Dạ, xin lỗi ông/bà, câu hỏi này nằm ngoài phạm vi hỗ trợ của trợ lý hành chính xã.',
      'Trợ lý trả lời về thủ tục hành chính, giờ làm việc, đường dây nóng và nhận phản ánh, kiến nghị.',
      `Cần hỗ trợ thêm, ông/bà vui lòng gọi ${hotline.label}: ${phoneLabel(hotline)}.`,
    ].join('\n'),
    buttons: [{ kind: 'query', title: 'Tra cứu thủ tục', payload: '#tra-cuu' }, hotlineButton(commune)],
  };
}

export function newsPointerAnswer(latest: Array<{ title: string; url: string }>, commune: Commune): Reply {
  if (latest.length === 0) {
    return {
      text: 'Dạ, hiện xã chưa có tin mới. Ông/bà có thể nhắn "đăng ký nhận tin" để nhận tin cải cách hành chính.',
      buttons: [{ kind: 'query', title: 'Đăng ký nhận tin', payload: 'đăng ký nhận tin' }, hotlineButton(commune)],
    };
  }
  return {
    text: ['Dạ, tin mới của xã:', ...latest.slice(0, 3).map((n) => `• ${n.title}\n  ${n.url}`)].join('\n'),
    buttons: [{ kind: 'query', title: 'Đăng ký nhận tin', payload: 'đăng ký nhận tin' }],
  };
}
