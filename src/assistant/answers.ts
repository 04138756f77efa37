import { DOCUMENT_FORMS, SUBMIT_CHANNELS, type Commune, type Procedure } from '../catalog/schema.js';
import { fitBlocks, type Reply, type ReplyButton } from './reply.js';

/** Where residents can read a procedure in full (the public page served by the app). */
export interface AnswerLinks {
  procedurePage: (id: string) => string;
}

/** "0200 000 0000 (số ví dụ)": example numbers are never passed off as real. */
export function phoneLabel(p: { number: string; example: boolean }): string {
  return p.example ? `${p.number} (số ví dụ)` : p.number;
}

function mainHotline(commune: Commune) {
  return commune.hotlines[0]!;
}

function dialable(number: string): string {
  return number.replace(/[^0-9+]/g, '');
}

export function hotlineButton(commune: Commune): ReplyButton {
  return { kind: 'phone', title: 'Gọi hỗ trợ', phone: dialable(mainHotline(commune).number) };
}

const ONLINE_PLAIN: Record<Procedure['online_level'], string> = {
  toan_trinh: 'Nộp và nhận kết quả hoàn toàn trên mạng (dịch vụ công trực tuyến toàn trình, trước gọi là mức độ 4).',
  mot_phan: 'Nộp hồ sơ trên mạng được, nhưng còn ít nhất một bước phải đến xã (trực tuyến một phần, trước gọi là mức độ 3).',
  truc_tiep: 'Thủ tục này nộp trực tiếp tại nơi tiếp nhận hoặc qua bưu chính.',
  chua_xac_nhan: 'Việc nộp trực tuyến do tỉnh công bố; ông/bà vui lòng kiểm tra trên Cổng Dịch vụ công.',
};

export function onlineLevelPlain(level: Procedure['online_level']): string {
  return ONLINE_PLAIN[level];
}

function documentLine(d: Procedure['documents'][number]): string {
  const details = [d.form ? DOCUMENT_FORMS[d.form] : undefined, d.count ? `${d.count} bản` : undefined]
    .filter(Boolean)
    .join(', ');
  return `• ${d.name}${details ? ` (${details})` : ''}`;
}

/** The answer to "how do I do X": what to bring, how long, how much, where, online, who to call. */
export function procedureAnswer(p: Procedure, commune: Commune, links: AnswerLinks): Reply {
  const hotline = mainHotline(commune);
  const where = p.submit.map((s) => SUBMIT_CHANNELS[s]).join(', ');
  const blocks = [
    `Dạ, thủ tục: ${p.name}${p.code ? ` (mã ${p.code})` : ''}`,
    '',
    'Giấy tờ cần chuẩn bị:',
    ...p.documents.map(documentLine),
    '',
    `Thời gian: ${p.time_limit}`,
    `Lệ phí: ${p.fee}`,
    `Nơi nộp: ${where}.${p.submit_note ? ` ${p.submit_note}` : ''}`,
    `Trực tuyến: ${onlineLevelPlain(p.online_level)}`,
    `Hỗ trợ: ${hotline.label} ${phoneLabel(hotline)}`,
  ];
  if (p.unconfirmed.length > 0) {
    blocks.push('Một số thông tin có thể khác theo quy định của địa phương; ông/bà vui lòng gọi đường dây nóng để chắc chắn.');
  }
  blocks.push(`Xem đầy đủ: ${links.procedurePage(p.id)}`);
  const text = fitBlocks(blocks, `Xem đầy đủ: ${links.procedurePage(p.id)}`);
  return {
    text,
    buttons: [
      { kind: 'url', title: 'Xem chi tiết', url: links.procedurePage(p.id) },
      { kind: 'url', title: 'Nộp trực tuyến', url: p.portal_url },
      hotlineButton(commune),
    ],
  };
}

/**
 * The best procedure is probably right but not certainly: answer it, and offer the close
 * alternatives as buttons, so a wrong guess costs the resident one tap.
 */
export function likelyAnswer(p: Procedure, alternatives: Procedure[], commune: Commune, links: AnswerLinks): Reply {
  const answer = procedureAnswer(p, commune, links);
  if (alternatives.length === 0) return answer;
  const note = `Nếu ông/bà hỏi về việc khác: ${alternatives.map((a) => a.name).join('; ')}, xin bấm nút bên dưới.`;
  return {
    text: fitBlocks([answer.text, '', note], note),
    buttons: [
      ...answer.buttons.slice(0, 5 - Math.min(2, alternatives.length)),
      ...alternatives.slice(0, 2).map((a): ReplyButton => ({ kind: 'query', title: a.name, payload: `#thu-tuc ${a.id}` })),
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

/** Two or three procedures fit equally: ask which one instead of guessing. */
export function choiceAnswer(procedures: Procedure[], commune: Commune): Reply {
  return {
    text: [
      'Dạ, ông/bà đang hỏi về thủ tục nào dưới đây ạ?',
      ...procedures.map((p, i) => `${i + 1}. ${p.name}`),
      'Ông/bà bấm vào một thủ tục để xem hướng dẫn.',
    ].join('\n'),
    buttons: procedures
      .slice(0, 3)
      .map((p): ReplyButton => ({ kind: 'query', title: p.name, payload: `#thu-tuc ${p.id}` })),
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
