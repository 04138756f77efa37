import { containsPhrase, fold } from '../catalog/fold.js';

export const INTENTS = [
  'procedure',
  'hotline',
  'hours',
  'feedback',
  'status',
  'subscribe',
  'unsubscribe',
  'news',
  'greeting',
  'online_guide',
  'out_of_scope',
] as const;
export type Intent = (typeof INTENTS)[number];

/**
 * Phrases that signal an intent other than "which procedure". `strong` cues decide even when the
 * message also names a procedure ("phản ánh về thủ tục khai sinh" is feedback); `weak` cues decide
 * only when no procedure fits ("ở đâu" alone asks for the office, "khai sinh ở đâu" for a procedure).
 * Written with marks for legibility; matched on folded text, so unmarked messages match too.
 */
interface CueSet {
  intent: Exclude<Intent, 'procedure' | 'out_of_scope'>;
  /** A strong cue of a decisive set wins even when the message also names a procedure. */
  decisive: boolean;
  strong: string[];
  weak: string[];
}

export const CUES: CueSet[] = [
  {
    intent: 'unsubscribe',
    decisive: true,
    strong: ['hủy nhận tin', 'huỷ nhận tin', 'hủy đăng ký nhận tin', 'dừng gửi tin', 'đừng gửi tin', 'ngừng gửi tin',
      'không nhận tin', 'không muốn nhận tin', 'thôi nhận tin', 'bỏ nhận tin', 'hủy theo dõi tin', 'tắt thông báo'],
    weak: ['đừng gửi', 'dừng gửi', 'ngừng gửi', 'không gửi nữa', 'hủy nhận'],
  },
  {
    intent: 'subscribe',
    decisive: true,
    strong: ['đăng ký nhận tin', 'nhận tin cải cách', 'nhận tin tức', 'muốn nhận tin', 'theo dõi tin', 'bật thông báo',
      'nhận thông báo'],
    weak: ['nhận tin'],
  },
  {
    intent: 'feedback',
    decisive: true,
    strong: ['phản ánh', 'kiến nghị', 'góp ý', 'khiếu nại về cán bộ', 'tố cáo cán bộ', 'gửi ý kiến', 'hẹn đi hẹn lại',
      'nhũng nhiễu', 'sách nhiễu', 'báo hỏng', 'muốn báo', 'bức xúc'],
    weak: ['mất đèn', 'hỏng đèn', 'ổ gà', 'rác thải', 'ngập nước', 'ô nhiễm', 'thái độ', 'chậm trễ'],
  },
  {
    intent: 'status',
    decisive: true,
    strong: ['tra cứu hồ sơ', 'tra cứu phản ánh', 'tình trạng hồ sơ', 'tiến độ hồ sơ', 'hồ sơ đến đâu', 'hồ sơ của tôi',
      'kết quả hồ sơ', 'mã hồ sơ', 'hồ sơ tôi nộp', 'đến đâu rồi', 'xử lý đến đâu', 'mã phản ánh', 'bao giờ có kết quả'],
    weak: ['tra cứu', 'tiến độ', 'có kết quả chưa'],
  },
  {
    intent: 'hotline',
    decisive: false,
    strong: ['đường dây nóng', 'hotline', 'số điện thoại', 'sđt', 'số đt', 'gọi ai', 'gọi cho ai', 'gọi số nào',
      'liên hệ ai', 'số liên hệ', 'tổng đài'],
    weak: ['điện thoại', 'liên hệ', 'gọi điện', 'gây khó dễ', 'gây khó khăn'],
  },
  {
    // When: a procedure answer does not say when the office is open, so these win over it.
    intent: 'hours',
    decisive: true,
    strong: ['giờ làm việc', 'mấy giờ', 'làm việc không', 'có làm việc', 'thứ 7', 'thứ bảy', 'chủ nhật', 'giờ mở cửa',
      'nghỉ trưa', 'ngày nghỉ', 'làm việc giờ nào', 'làm việc buổi', 'ngày lễ', 'mấy giờ mở'],
    weak: [],
  },
  {
    // Where: "khai sinh ở đâu" asks for the procedure's place, which its answer gives.
    intent: 'hours',
    decisive: false,
    strong: ['địa chỉ ủy ban', 'địa chỉ xã', 'trụ sở', 'ủy ban ở đâu', 'ủy ban xã ở đâu', 'xã ở đâu', 'một cửa ở đâu'],
    weak: ['địa chỉ', 'ở đâu', 'đường nào', 'chỗ nào'],
  },
  {
    intent: 'news',
    decisive: true,
    strong: ['tin mới', 'tin tức', 'có tin gì', 'thông báo mới', 'bản tin', 'tin cải cách', 'thông báo gì mới'],
    weak: ['thông báo', 'tin gì'],
  },
  {
    intent: 'online_guide',
    decisive: false,
    strong: ['tài khoản dịch vụ công', 'tạo tài khoản', 'đăng ký tài khoản', 'cổng dịch vụ công', 'nộp trực tuyến',
      'nộp hồ sơ trực tuyến', 'nộp online', 'dịch vụ công trực tuyến', 'thanh toán trực tuyến', 'thanh toán online',
      'vneid', 'mức độ 3', 'mức độ 4', 'đăng nhập'],
    weak: ['toàn trình', 'trực tuyến', 'online', 'qua mạng', 'dịch vụ công', 'thanh toán', 'chuyển khoản', 'nộp qua mạng'],
  },
  {
    intent: 'greeting',
    decisive: false,
    strong: [],
    // Only words that stay unambiguous once folded ("vâng" would also match "vàng").
    weak: ['xin chào', 'chào', 'alo', 'a lô', 'hello', 'hi', 'helo', 'chào bạn', 'chào xã', 'cảm ơn', 'cám ơn', 'thanks'],
  },
];

const FOLDED = CUES.map((c) => ({
  intent: c.intent,
  decisive: c.decisive,
  strong: c.strong.map(fold),
  weak: c.weak.map(fold),
}));

export interface CueMatch {
  intent: CueSet['intent'];
  decisive: boolean;
  strength: 'strong' | 'weak';
  phrase: string;
}

/** Every cue found in a message, strong ones first, in the priority order of CUES. */
export function findCues(message: string): CueMatch[] {
  const text = fold(message);
  const found: CueMatch[] = [];
  for (const strength of ['strong', 'weak'] as const) {
    for (const set of FOLDED) {
      const phrase = set[strength].find((p) => containsPhrase(text, p));
      if (phrase) found.push({ intent: set.intent, decisive: set.decisive, strength, phrase });
    }
  }
  return found;
}
