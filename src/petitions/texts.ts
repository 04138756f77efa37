import type { Commune } from '../catalog/schema.js';
import { THANKS_CLOSE } from '../chat/typed-replies.js';
import { hotlineButton } from '../assistant/answers.js';
import { fitBlocks, type Reply, type ReplyButton } from '../assistant/reply.js';
import { formatDate, formatInstant, formatInstantDate, isOverdue } from './deadlines.js';
import { STATUS_TEXT, type PetitionRow } from './repo.js';
import type { CategoryView } from './categories.js';

/**
 * What residents read about petitions, in one place: short lines, "ông/bà", diacritics.
 * Query-button payloads come back as the resident's text; the flow recognises them (chat-flow.ts).
 */

export const PAYLOAD = {
  category: '#pa-loai',
  done: '#pa-xong',
  skip: '#pa-bo-qua',
  send: '#pa-gui',
  edit: '#pa-sua',
  cancel: '#pa-huy',
  resume: '#pa-tiep',
  rate: '#pa-danh-gia',
} as const;

/** The menu's "Gửi phản ánh" payload (assistant/chat-handlers MENU.feedback). */
export const START_PAYLOAD = '#phan-anh';

export const LIMITS = {
  /** Characters of petition text, over all the messages of a draft (and of the form). */
  contentChars: 4000,
  images: 5,
  /** Category buttons beside "Hủy" (Zalo shows at most 5 buttons). */
  categoryButtons: 4,
} as const;

const cancelButton: ReplyButton = { kind: 'query', title: 'Hủy', payload: PAYLOAD.cancel };
const doneButton: ReplyButton = { kind: 'query', title: 'Xong', payload: PAYLOAD.done };
const startButton: ReplyButton = { kind: 'query', title: 'Gửi phản ánh', payload: START_PAYLOAD };

/**
 * Where a petition goes, told before it is written: to the commune, and those about its staff
 * straight to the leadership (so nobody fears the desk they complain about will read it).
 */
export function petitionIntro(leadershipTitle: string): string[] {
  return ['Dạ, trợ lý sẽ giúp ông/bà gửi phản ánh, kiến nghị tới UBND xã.', staffComplaintsLine(leadershipTitle)];
}

function staffComplaintsLine(leadershipTitle: string): string {
  return `Phản ánh về cán bộ được chuyển thẳng tới ${leadershipTitle}, không qua Bộ phận Một cửa.`;
}

/**
 * The category question; asked first (not `restarted`), it says where petitions go (petitionIntro).
 * `hasContent`: what the resident wrote is kept.
 */
export function askCategory(categories: CategoryView[], leadershipTitle: string, o: { restarted?: boolean; hasContent?: boolean } = {}): Reply {
  const listed = categories.length > LIMITS.categoryButtons;
  return {
    text: [
      ...(o.restarted ? ['Dạ, ông/bà chọn lại loại phản ánh ạ.'] : petitionIntro(leadershipTitle)),
      ...(o.hasContent ? ['Trợ lý đã ghi lại nội dung ông/bà vừa nhắn.'] : []),
      'Ông/bà phản ánh về việc gì ạ? Bấm một mục bên dưới.',
      ...(listed ? [...categories.map((c, i) => `${i + 1}. ${c.name}`), 'Hoặc nhắn số thứ tự của mục.'] : []),
      'Nhắn "Hủy" để dừng bất cứ lúc nào.',
    ].join('\n'),
    buttons: [
      ...categories.slice(0, LIMITS.categoryButtons).map((c): ReplyButton => ({ kind: 'query', title: c.name, payload: `${PAYLOAD.category} ${c.id}` })),
      cancelButton,
    ],
  };
}

export function askContent(category: CategoryView, hasContent: boolean): Reply {
  return {
    text: [
      `Dạ, loại phản ánh: ${category.name}.`,
      hasContent
        ? 'Ông/bà có thể nhắn thêm hoặc gửi ảnh chụp.'
        : 'Ông/bà nhắn nội dung cần phản ánh: việc gì, ở đâu, từ khi nào. Có thể gửi nhiều tin và kèm ảnh chụp.',
      'Gửi xong, ông/bà bấm "Xong".',
    ].join('\n'),
    buttons: [doneButton, cancelButton],
  };
}

export function contentNoted(o: { images: number; imageAdded: boolean }): Reply {
  return {
    text: [
      o.imageAdded ? `Dạ, đã nhận ảnh (${o.images}/${LIMITS.images}).` : 'Dạ, trợ lý đã ghi lại.',
      'Ông/bà nhắn thêm, hoặc bấm "Xong" khi đã đủ.',
    ].join('\n'),
    buttons: [doneButton, cancelButton],
  };
}

export function contentMissing(): Reply {
  return {
    text: 'Dạ, ông/bà chưa nhắn nội dung phản ánh.\nÔng/bà vui lòng mô tả ngắn gọn sự việc bằng chữ: việc gì, ở đâu, từ khi nào.',
    buttons: [cancelButton],
  };
}

export function contentTooLong(): Reply {
  return {
    text: `Dạ, nội dung phản ánh tối đa ${LIMITS.contentChars.toLocaleString('vi-VN')} ký tự nên tin vừa rồi chưa được ghi.\nÔng/bà nhắn ngắn gọn hơn, hoặc bấm "Xong" để tiếp tục.`,
    buttons: [doneButton, cancelButton],
  };
}

export function tooManyImages(): Reply {
  return {
    text: `Dạ, mỗi phản ánh kèm tối đa ${LIMITS.images} ảnh nên ảnh vừa rồi chưa được ghi.\nÔng/bà bấm "Xong" để tiếp tục.`,
    buttons: [doneButton, cancelButton],
  };
}

export function unsupportedAttachment(): Reply {
  return {
    text: 'Dạ, phản ánh chỉ nhận chữ, ảnh chụp và vị trí.\nÔng/bà nhắn tiếp nội dung, hoặc bấm "Xong" khi đã đủ.',
    buttons: [doneButton, cancelButton],
  };
}

export const CONTACT_CARD = {
  title: 'Thông tin liên hệ (không bắt buộc)',
  subtitle:
    'Chia sẻ họ tên, số điện thoại để cán bộ Bộ phận Một cửa liên hệ khi cần làm rõ phản ánh. Chỉ cán bộ tiếp nhận được xem thông tin này.',
};

export function askContact(): Reply {
  return {
    text: [
      'Dạ, ông/bà có muốn để lại họ tên, số điện thoại để cán bộ liên hệ khi cần không ạ?',
      'Bấm vào thẻ phía trên để chia sẻ qua Zalo, hoặc bấm "Bỏ qua".',
    ].join('\n'),
    buttons: [
      { kind: 'query', title: 'Bỏ qua', payload: PAYLOAD.skip },
      cancelButton,
    ],
  };
}

export interface DraftView {
  category: CategoryView;
  content: string;
  images: number;
  contact: { name?: string; phone?: string; address?: string } | undefined;
}

const EXCERPT_CHARS = 700;

export function summary(d: DraftView): Reply {
  const excerpt = d.content.length > EXCERPT_CHARS ? `${d.content.slice(0, EXCERPT_CHARS).trimEnd()}…` : d.content;
  const contact = d.contact && (d.contact.name || d.contact.phone || d.contact.address)
    ? [d.contact.name, d.contact.phone && displayPhone(d.contact.phone), d.contact.address].filter(Boolean).join(', ')
    : 'không để lại';
  return {
    text: fitBlocks(
      [
        'Dạ, ông/bà kiểm tra lại phản ánh:',
        `Loại: ${d.category.name}`,
        `Nội dung: ${excerpt}`,
        ...(d.images > 0 ? [`Ảnh kèm theo: ${d.images}`] : []),
        `Liên hệ: ${contact}`,
        'Bấm "Gửi" để gửi tới Bộ phận Một cửa.',
      ],
      'Bấm "Gửi" để gửi tới Bộ phận Một cửa.',
    ),
    buttons: [
      { kind: 'query', title: 'Gửi', payload: PAYLOAD.send },
      { kind: 'query', title: 'Sửa nội dung', payload: PAYLOAD.edit },
      cancelButton,
    ],
  };
}

/** Who receives a petition, told to the resident: complaints about the staff skip the desk. */
export function receiverLine(p: Pick<PetitionRow, 'handled_by'>, leadershipTitle: string): string | undefined {
  return p.handled_by === 'leadership' ? staffComplaintsLine(leadershipTitle) : undefined;
}

export function confirmed(p: PetitionRow, category: CategoryView | undefined, leadershipTitle: string): Reply {
  const receiver = receiverLine(p, leadershipTitle);
  return {
    text: [
      'Dạ, xã đã tiếp nhận phản ánh của ông/bà.',
      ...(receiver ? [receiver] : []),
      `Mã phản ánh: ${p.code}`,
      `Hạn trả lời: ${formatDate(p.due_date)}${category ? ` (${category.answerDays} ngày làm việc)` : ''}`,
      ...(category ? [`Căn cứ thời hạn: ${category.legalSource}`] : []),
      'Ông/bà nhắn mã phản ánh bất cứ lúc nào để xem tình trạng. Trả lời của xã sẽ gửi qua Zalo này.',
    ].join('\n'),
    buttons: [{ kind: 'query', title: 'Xem tình trạng', payload: `tra cứu ${p.code}` }],
  };
}

export function cancelled(): Reply {
  return { text: 'Dạ, trợ lý đã hủy phản ánh đang soạn.\nKhi cần, ông/bà bấm "Gửi phản ánh" để bắt đầu lại.', buttons: [startButton] };
}

export function noDraft(): Reply {
  return { text: 'Dạ, ông/bà không có phản ánh nào đang soạn.\nKhi cần, ông/bà bấm "Gửi phản ánh" để bắt đầu.', buttons: [startButton] };
}

/** Thanks typed during a draft: a short polite close, then the reminder that the draft is open. */
export function thanksWhileDrafting(): Reply {
  const still = stillDrafting();
  return { ...still, text: `${THANKS_CLOSE} ${still.text}` };
}

export function stillDrafting(): Reply {
  return {
    text: 'Ông/bà đang soạn dở một phản ánh.\nBấm "Tiếp tục" để hoàn thành, hoặc "Hủy" nếu không gửi nữa.',
    buttons: [{ kind: 'query', title: 'Tiếp tục', payload: PAYLOAD.resume }, cancelButton],
  };
}

export function draftReminder(expiresAt: Date): Reply {
  return {
    text: [
      'Dạ, ông/bà đang soạn dở một phản ánh gửi xã.',
      'Bấm "Tiếp tục" để hoàn thành, hoặc "Hủy" nếu không gửi nữa.',
      `Bản nháp được giữ đến ${formatInstant(expiresAt)}.`,
    ].join('\n'),
    buttons: [{ kind: 'query', title: 'Tiếp tục', payload: PAYLOAD.resume }, cancelButton],
  };
}

export function draftExpired(): Reply {
  return {
    text: 'Dạ, phản ánh ông/bà soạn dở đã quá thời gian lưu nên trợ lý đã xóa bản nháp.\nKhi cần, ông/bà bấm "Gửi phản ánh" để bắt đầu lại.',
    buttons: [startButton],
  };
}

export interface ReplyView {
  text: string;
  at: string;
}

/**
 * Where a petition stands. The owner also reads the desk's replies; anyone else only what is
 * public: category, status, dates and the published answer.
 */
export function statusReply(p: PetitionRow, o: { owner: boolean; replies: ReplyView[]; now: Date }): Reply {
  const blocks = [
    `Dạ, phản ánh ${p.code}:`,
    `Loại: ${p.category_name}`,
    `Tình trạng: ${STATUS_TEXT[p.status]}`,
    `Ngày gửi: ${formatInstantDate(p.created_at)}`,
    `Hạn trả lời: ${formatDate(p.due_date)}${isOverdue(p, o.now) ? ' (đã quá hạn, xã đang khẩn trương xử lý)' : ''}`,
  ];
  if (o.owner) {
    for (const r of o.replies.slice(-2)) blocks.push(`Trả lời của xã (${formatInstantDate(r.at)}): ${r.text}`);
  } else if (p.published_at && p.public_answer) {
    blocks.push(`Trả lời của xã: ${p.public_answer}`);
  }
  if (!o.owner) blocks.push('Nội dung và thông tin cá nhân chỉ người gửi xem được.');
  return { text: fitBlocks(blocks, 'Ông/bà xem đầy đủ trong ứng dụng của xã.'), buttons: [] };
}

export function petitionNotFound(code: string, commune: Commune): Reply {
  return {
    text: [
      `Dạ, trợ lý không tìm thấy phản ánh có mã ${code}.`,
      'Ông/bà vui lòng kiểm tra lại mã (dạng PA-2026-000123, ghi trong tin xác nhận khi gửi).',
      `Nếu là hồ sơ thủ tục hành chính, ông/bà tra cứu tại: ${commune.province_portal.lookup_url}`,
    ].join('\n'),
    buttons: [hotlineButton(commune)],
  };
}

export function dossierLookup(code: string, commune: Commune): Reply {
  return {
    text: [
      `Dạ, ${code} là mã hồ sơ thủ tục hành chính, được theo dõi trên ${commune.province_portal.name}.`,
      `Ông/bà tra cứu tình trạng hồ sơ tại: ${commune.province_portal.lookup_url}`,
      'Cần hỗ trợ thêm, ông/bà gọi Bộ phận Một cửa.',
    ].join('\n'),
    buttons: [{ kind: 'url', title: 'Tra cứu hồ sơ', url: commune.province_portal.lookup_url }, hotlineButton(commune)],
  };
}

export function myPetitions(rows: PetitionRow[], commune: Commune, now: Date): Reply {
  const lines = rows.slice(0, 5).map((p) => `• ${p.code} – ${p.category_name}: ${STATUS_TEXT[p.status]}${isOverdue(p, now) ? ' (quá hạn)' : ''}, hạn ${formatDate(p.due_date)}`);
  return {
    text: [
      'Dạ, các phản ánh ông/bà đã gửi:',
      ...lines,
      'Nhắn mã phản ánh để xem chi tiết.',
      `Hồ sơ thủ tục hành chính, ông/bà tra cứu theo mã hồ sơ tại: ${commune.province_portal.lookup_url}`,
    ].join('\n'),
    buttons: rows.slice(0, 3).map((p): ReplyButton => ({ kind: 'query', title: `Xem ${p.code}`, payload: `tra cứu ${p.code}` })),
  };
}

export function deskReplyMessage(p: Pick<PetitionRow, 'code'>, kind: 'reply' | 'out_of_scope', text: string): Reply {
  return {
    text:
      kind === 'reply'
        ? `Dạ, Bộ phận Một cửa trả lời phản ánh ${p.code} của ông/bà:\n${text}\nÔng/bà nhắn mã ${p.code} để xem lại.`
        : `Dạ, phản ánh ${p.code} của ông/bà không thuộc phạm vi giải quyết của xã.\nLý do: ${text}\nCần hỗ trợ thêm, ông/bà gọi Bộ phận Một cửa.`,
    buttons: [],
  };
}

export function ratingRequest(p: Pick<PetitionRow, 'code'>): Reply {
  return {
    text: [
      `Dạ, phản ánh ${p.code} đã được xử lý xong.`,
      'Ông/bà vui lòng đánh giá mức độ hài lòng: 1 là rất không hài lòng, 5 là rất hài lòng.',
    ].join('\n'),
    buttons: [1, 2, 3, 4, 5].map((n): ReplyButton => ({ kind: 'query', title: `${n} ${'★'.repeat(n)}`, payload: `${PAYLOAD.rate} ${p.code} ${n}` })),
  };
}

export function ratingThanks(already: boolean): Reply {
  return {
    text: already ? 'Dạ, ông/bà đã đánh giá phản ánh này rồi. Xin cảm ơn ông/bà!' : 'Dạ, xã cảm ơn ông/bà đã đánh giá! Ý kiến của ông/bà giúp xã phục vụ tốt hơn.',
    buttons: [],
  };
}

/** "84912345678" (as Zalo shares it) → "0912345678"; other forms as written. */
export function displayPhone(phone: string): string {
  const digits = phone.replace(/[\s.\-()]/g, '');
  if (/^\+?84\d{9,10}$/.test(digits)) return `0${digits.replace(/^\+?84/, '')}`;
  return digits;
}
