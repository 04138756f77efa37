// BENCHMARK BASELINE ONLY: the rule-based understanding the assistant used before the learned model
// (src/assistant as of 2026-11-22), kept unchanged so `npm run bench -- quality` can compare the two.
// Nothing in src/ imports it.
import { containsPhrase, fold } from '../../src/catalog/fold.js';
import type { Intent } from '../../src/catalog/intents.js';

export type { Intent };

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
  /** If set, the cues count only beside one of these words (or in a message of a few words). */
  context?: string[];
  strong: string[];
  weak: string[];
}

/** Words that place a message at the commune office: "mấy giờ" means office hours only beside them. */
const OFFICE_WORDS = ['xã', 'phường', 'ủy ban', 'ubnd', 'một cửa', 'bộ phận', 'trung tâm phục vụ', 'cán bộ', 'công an',
  'làm việc', 'trực', 'tiếp dân', 'tiếp công dân', 'mở cửa', 'nghỉ', 'trả kết quả', 'nhận hồ sơ'];

export const CUES: CueSet[] = [
  {
    intent: 'unsubscribe',
    decisive: true,
    strong: ['hủy nhận tin', 'huỷ nhận tin', 'hủy đăng ký nhận tin', 'dừng gửi tin', 'đừng gửi tin', 'ngừng gửi tin',
      'không nhận tin', 'không muốn nhận tin', 'thôi nhận tin', 'bỏ nhận tin', 'hủy theo dõi tin', 'tắt thông báo',
      'đừng nhắn tin', 'đừng nhắn', 'ngừng nhắn', 'dừng nhắn', 'không muốn nhận thông báo', 'không nhận thông báo',
      'hủy đăng ký tin', 'thôi gửi'],
    weak: ['đừng gửi', 'dừng gửi', 'ngừng gửi', 'không gửi nữa', 'hủy nhận', 'phiền quá'],
  },
  {
    intent: 'subscribe',
    decisive: true,
    strong: ['đăng ký nhận tin', 'nhận tin cải cách', 'nhận tin tức', 'muốn nhận tin', 'theo dõi tin', 'bật thông báo',
      'nhận thông báo', 'thì nhắn cho tôi', 'thì báo cho tôi', 'thì gửi cho tôi', 'nhắn tin cho tôi', 'gửi tin cho tôi',
      'nhắn cho em', 'thì báo cho em', 'đăng ký theo dõi'],
    weak: ['nhận tin'],
  },
  {
    intent: 'feedback',
    decisive: true,
    strong: ['phản ánh', 'kiến nghị', 'góp ý', 'khiếu nại về cán bộ', 'tố cáo', 'gửi ý kiến', 'hẹn đi hẹn lại',
      'nhũng nhiễu', 'sách nhiễu', 'báo hỏng', 'muốn báo', 'bức xúc', 'đề nghị xã', 'đề xuất', 'chưa ai sửa',
      'đèn đường', 'ổ gà', 'bốc mùi', 'đòi tiền', 'bồi dưỡng', 'xuống cấp', 'vòi tiền', 'hách dịch', 'cửa quyền',
      'mất đèn', 'hỏng đèn', 'ngập nước', 'ô nhiễm', 'rác thải', 'đổ trộm', 'không nghe máy', 'thái độ'],
    weak: ['chậm trễ', 'hỏng', 'rác', 'ngập', 'tắc cống', 'xử lý giúp', 'chưa sửa'],
  },
  {
    intent: 'status',
    decisive: true,
    strong: ['tra cứu hồ sơ', 'tra cứu phản ánh', 'tình trạng hồ sơ', 'tiến độ hồ sơ', 'hồ sơ đến đâu', 'hồ sơ của tôi',
      'kết quả hồ sơ', 'mã hồ sơ', 'hồ sơ tôi nộp', 'đến đâu rồi', 'xử lý đến đâu', 'mã phản ánh', 'bao giờ có kết quả',
      'chưa có kết quả', 'chưa thấy kết quả', 'chưa nhận được kết quả', 'hẹn hôm nay trả', 'hẹn trả', 'trễ hẹn',
      'quá hẹn', 'chưa thấy báo', 'sao chưa có', 'xong chưa', 'có kết quả chưa', 'biên nhận'],
    weak: ['tra cứu', 'tiến độ'],
  },
  {
    intent: 'hotline',
    decisive: false,
    strong: ['đường dây nóng', 'hotline', 'số điện thoại', 'sđt', 'số đt', 'gọi ai', 'gọi cho ai', 'gọi số nào',
      'liên hệ ai', 'số liên hệ', 'tổng đài', 'có số nào', 'số nào gọi', 'gọi được', 'xin số', 'cho xin số'],
    weak: ['điện thoại', 'liên hệ', 'gọi điện', 'gây khó dễ', 'gây khó khăn'],
  },
  {
    // When: a procedure answer does not say when the office is open, so these win over it.
    intent: 'hours',
    decisive: true,
    context: OFFICE_WORDS,
    strong: ['giờ làm việc', 'mấy giờ', 'làm việc không', 'có làm việc', 'thứ 7', 'thứ bảy', 'chủ nhật', 'giờ mở cửa',
      'nghỉ trưa', 'ngày nghỉ', 'làm việc giờ nào', 'làm việc buổi', 'ngày lễ', 'mấy giờ mở', 'nghỉ lễ', 'nghỉ mấy',
      'buổi trưa', 'có ai trực', 'trực không', 'giờ hành chính', 'mở cửa không', 'làm việc đến'],
    weak: [],
  },
  {
    // Where: "khai sinh ở đâu" asks for the procedure's place, which its answer gives.
    intent: 'hours',
    decisive: false,
    strong: ['địa chỉ ủy ban', 'địa chỉ xã', 'trụ sở', 'ủy ban ở đâu', 'ủy ban xã ở đâu', 'xã ở đâu', 'một cửa ở đâu',
      'ở chỗ nào', 'nằm ở đâu', 'chỉ đường', 'đường đến'],
    weak: ['địa chỉ', 'ở đâu', 'đường nào', 'chỗ nào'],
  },
  {
    intent: 'news',
    decisive: true,
    strong: ['tin mới', 'tin tức', 'có tin gì', 'thông báo mới', 'bản tin', 'tin cải cách', 'thông báo gì mới', 'có gì mới'],
    weak: ['thông báo', 'tin gì'],
  },
  {
    intent: 'online_guide',
    decisive: false,
    strong: ['tài khoản dịch vụ công', 'tạo tài khoản', 'đăng ký tài khoản', 'cổng dịch vụ công', 'nộp trực tuyến',
      'nộp hồ sơ trực tuyến', 'nộp online', 'dịch vụ công trực tuyến', 'thanh toán trực tuyến', 'thanh toán online',
      'vneid', 'mức độ 3', 'mức độ 4', 'đăng nhập', 'toàn trình là gì', 'một phần là gì', 'dvc', 'dvcqg',
      'quên mật khẩu', 'định danh điện tử', 'ký số', 'chữ ký số'],
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

/** Messages this short need no context word: "mấy giờ?" alone asks for office hours. */
const SHORT_MESSAGE_SYLLABLES = 4;

const FOLDED = CUES.map((c) => ({
  intent: c.intent,
  decisive: c.decisive,
  context: c.context?.map(fold),
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
  const short = text.split(' ').filter(Boolean).length <= SHORT_MESSAGE_SYLLABLES;
  const found: CueMatch[] = [];
  for (const strength of ['strong', 'weak'] as const) {
    for (const set of FOLDED) {
      if (set.context && !short && !set.context.some((w) => containsPhrase(text, w))) continue;
      const phrase = set[strength].find((p) => containsPhrase(text, p));
      if (phrase) found.push({ intent: set.intent, decisive: set.decisive, strength, phrase });
    }
  }
  return found;
}
