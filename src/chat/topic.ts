import { fold } from '../catalog/fold.js';
import type { Facet } from '../catalog/schema.js';
import { withNotWhen, type NotWhen } from '../understanding/not-applying.js';
import { defaultPolicy, type Understanding } from '../understanding/understand.js';
import type { Topic, UserState } from './state.js';

/** A topic older than this is forgotten: a question an hour later starts afresh. */
export const TOPIC_TTL_MS = 30 * 60_000;
/**
 * A non-procedure intent this sure (and no facet asked) is answered as such, topic kept. Chatter
 * and other agencies' business too ("ad ăn cơm chưa", "tối nay có cắt điện không"): read with the
 * topic's name, such a message would bring back the topic's whole summary. (0.35 when the model
 * answered at temperature 1; at 1.5 its probabilities are less peaked: checked on every eval set.)
 */
const CLEAR_INTENT = 0.3;
/**
 * A message read by itself as something else is answered as such even with a facet's words in it,
 * when it is long enough and does not point back at the topic: thanks ("cảm ơn, để em gom giấy tờ
 * đã"), office hours ("chiều thứ 6 có nhận hồ sơ không hay phải đợi thứ 2") at this probability…
 */
const NAMED_INTENT_WITH_FACET = 0.5;
/** …and another agency's business ("nộp phạt nguội ở đâu") at this: "out of scope" is what is left, and less telling. */
const VERY_CLEAR_INTENT = 0.75;
/** …in a message this long: a bare facet question ("phí bao nhiêu") is out of scope by itself. */
const LONG_ENOUGH_WORDS = 8;
/** "hồ sơ xin hỗ trợ đó gửi ở đâu": the message points back at the topic (typed; folded "do" is also "because"). */
const POINTS_BACK = /\s(?:đó|ấy|này)(?=[\s,.?!]|$)/iu;
/** "giấy đó", "cái giấy ấy": a paper spoken of just before (typed with its marks, or folded "giay do/ay"). */
const THAT_PAPER = /\b(?:giấy|giay)(?: tờ| to)? (?:đó|ấy|này|do|ay)(?=[\s,.?!]|$)/iu;

/**
 * A paper of another agency being got: a passport or visa (immigration police), a driving licence, a
 * vehicle's registration (police), the flat tax of a household business (the tax office), folded:
 * "làm / xin / đổi / thi / gia hạn / cấp lại" before it, or "gia hạn / hết hạn / làm lại" after it.
 * A health-insurance card renewed or issued again, voluntary social insurance paid (the social
 * insurance agency); not a child's first card, which the birth registration brings with it.
 */
const OTHER_AGENCYS_PAPER = '(?:ho chieu|visa|thi thuc|bang lai(?: xe)?|giay phep lai xe|gplx|dang ky xe|dang kiem)';
const HEALTH_CARD = '(?:the )?(?:bhyt|bao hiem y te)';
const GETS_OTHER_AGENCYS_PAPER = new RegExp(
  `\\b(?:(?:lam|xin|doi|thi|gia han|cap lai|lam lai|cap doi)(?: lai)? ${OTHER_AGENCYS_PAPER}|${OTHER_AGENCYS_PAPER}(?: \\p{L}+){0,5} (?:gia han|het han|lam lai|doi lai)|(?:dong|nop) thue khoan|thue khoan(?: \\p{L}+){0,4} (?:dong|nop)|(?:gia han|cap lai) ${HEALTH_CARD}|${HEALTH_CARD}(?: \\p{L}+){0,5} (?:gia han|het han)|(?:dong|nop|tham gia) (?:bao hiem xa hoi|bhxh) tu nguyen)\\b`,
  'u',
);
/** The portal's own use: signing in, the account, its password, the identity level (folded). */
const ABOUT_THE_PORTAL = /\b(?:dang nhap|tai khoan|mat khau|dinh danh|muc 2|tai app|tai ung dung)\b/u;
/** "làm ở", "nộp tại", "xin ở": where something is done, not where the office is (folded). */
const DONE_THERE = /\b(?:lam|nop|xin|dang k[iy]|dk|gui) (?:o|tai)\b/u;

/** A non-procedure reading that stands although the message has a facet's words (see NAMED_INTENT_WITH_FACET). */
function clearDespiteFacet(message: string, words: number, alone: Understanding, facet: Facet): boolean {
  // "nộp online được không" in a topic asks the topic's online service; signing in to the portal
  // ("đăng nhập cổng dịch vụ công bằng VNeID làm sao") is the portal's own how-to, whatever the topic.
  if (facet === 'online' && alone.intent === 'online_guide') return alone.confidence >= NAMED_INTENT_WITH_FACET && ABOUT_THE_PORTAL.test(fold(message));
  if (POINTS_BACK.test(message)) return false;
  // The office itself, asked of at any length ("ubnd xã ở chỗ nào", "xã ở đâu vậy, giờ làm việc?"):
  // where the commune is and when it opens, not where a file is handed in ("làm ở công an xã hay ủy ban").
  if ((alone.intent === 'hours' || alone.intent === 'hotline') && alone.confidence >= VERY_CLEAR_INTENT && !DONE_THERE.test(fold(message))) return true;
  if (words <= LONG_ENOUGH_WORDS) return false;
  // Where one's own file stands is asked of a file handed in ("nộp tháng trước rồi"): "nộp hồ sơ
  // trợ cấp cho cháu ở đâu" asks where to hand it in.
  if (alone.intent === 'status' && !aboutOwnCase(fold(message), facet)) return false;
  return alone.confidence >= (alone.intent === 'out_of_scope' ? VERY_CLEAR_INTENT : NAMED_INTENT_WITH_FACET);
}
/**
 * "thuế khoán nộp ở đâu ad", "bằng lái thì làm lại ở đâu" in the middle of a topic: what the facet
 * question asks about ("thuế khoán", "bằng lái"), read by itself, is another agency's business and
 * gives the topic no support. A bare facet question ("mất bao lâu ạ") has no subject of its own, and
 * one that points back ("tóm lại việc sửa sổ này") asks about the topic.
 */
function anotherAgencysBusiness(o: ReadInContext, alone: Understanding, topic: Topic, facet: Facet): boolean {
  if (alone.intent !== 'out_of_scope' || !o.subjectOfFacetQuestion || POINTS_BACK.test(o.message)) return false;
  const subject = o.subjectOfFacetQuestion(o.message, facet);
  if (subject.split(' ').filter(Boolean).length < SUBJECT_WORDS) return false;
  const read = o.understand(subject);
  return read.intent === 'out_of_scope' && read.confidence >= VERY_CLEAR_INTENT && !read.results.slice(0, 3).some((r) => r.id === topic.procedureId);
}
/** A subject this long at least: one syllable ("sổ", "tiền") names nothing of another agency. */
const SUBJECT_WORDS = 2;
/**
 * While a topic goes on, a question ("cán bộ xuống nhà được không", "ông không biết chữ thì ký sao")
 * is a complaint only when the model is this sure: read weakly as one, it asks about the topic.
 * A complaint told as such ("…hỏi không trả lời") does not end as a question.
 */
const COMPLAINT_QUESTION_AT = 0.5;
/** A question word or particle last, polite words after it (folded; fold drops "?"). */
const ENDS_AS_QUESTION = /\b(?:ko|k|khong|hong|chua|sao|ha|nhi|nao|gi|j|dau|ntn)(?: (?:a|ad|em|chau|chi|anh|vay|v|z|nha|nhe))*$/;

/** "hay là tôi gửi phản ánh qua đây luôn được không": asking to send a petition names it (folded). */
const NAMES_A_PETITION = /\b(?:phan anh|kien nghi|gop y)\b/;

/** A weak reading as a complaint of a message that asks something: in a topic, not a complaint (petitions and answers alike). */
export function questionNotComplaint(u: Understanding, message: string): boolean {
  if (u.intent !== 'feedback' || u.confidence >= COMPLAINT_QUESTION_AT) return false;
  const folded = fold(message);
  return (message.trim().endsWith('?') || ENDS_AS_QUESTION.test(folded)) && !NAMES_A_PETITION.test(folded);
}
/** "à mà xã mình có tiệm sửa điện thoại nào không": turned away from the topic, a weaker reading stands. */
const TURNED_INTENT = 0.2;
/**
 * "xã làm ca sáng thứ 7 không cháu" in the middle of a birth registration: a message that by itself
 * asks about the office (its hours, its phone) and gives the topic no support at all (not among its
 * own three first procedures) is that request at the weaker probability too, when it is more than a
 * bare follow-up. Not the other intents: read weakly, "vẫn trong xã mình thôi" (out of scope) or
 * "đất nằm trong khu dân cư có quy hoạch" (news) are answers to the topic's question.
 */
function aboutTheOffice(alone: Understanding, topic: Topic, words: number): boolean {
  return (alone.intent === 'hours' || alone.intent === 'hotline') && words > SHORT_FOLLOW_UP_WORDS && !alone.results.slice(0, 3).some((r) => r.id === topic.procedureId);
}
/** A message this short is a follow-up by its form ("phí?", "mất bao lâu ạ"). */
const SHORT_FOLLOW_UP_WORDS = 4;
/** The two words before "xong" name what is done ("khai sinh xong", "tách thửa xong"; folded). */
const DONE_WORDS = /(\p{L}+ \p{L}+) xong\b/u;
/**
 * "… xong", "xong xin …", "sau khi …", "sau đó …", "có giấy (xác nhận) rồi thì …": the resident speaks of the topic
 * as done (folded text). Not "mấy tháng mới xong", "bao giờ thì xong": those ask how long it takes; nor "làm đơn
 * xong", "làm hồ sơ xong", "nộp xong": the file is ready or handed in, the topic goes on ("… đưa cho trưởng bản
 * được không", "nộp xong bao lâu thì có giấy"); nor "làm xong liền trong ngày được không", "xong chưa": how soon.
 */
const TOPIC_DONE = /\b(^xong (?:roi|thi|xuoi|xin|lam|nop)|(?!(?:moi|thi|la|se|chua|co|lau|nao|gio|ngay|duoc|nhanh|don|nop) xong)(?<!\bho )\p{L}+ xong(?! (?:lien|ngay|luon|trong ngay|duoc|dc|chua|khong|ko)\b)|sau khi|sau do|(?:co|nhan|lay) (?:duoc )?(?:giay|ket qua|quyet dinh)(?: \p{L}+){0,3} roi|duoc cap roi)\b/u;
/**
 * The resident speaks of their own file already handed in ("nộp đơn tháng trước rồi", "vẫn đang xử
 * lý", "xem kết quả") or of their own account ("đăng nhập VNeID cứ báo lỗi"): a question about where
 * things stand, not about the topic's facets, even when it says "ở đâu" or names the online portal.
 */
const OWN_CASE = new RegExp(
  '\\b(' +
    [
      // a file handed in: "nộp tháng trước rồi", "hồ sơ của tôi nộp ở một cửa tuần trước", "có nộp hồ sơ mà tới giờ chưa thấy trả lời"
      'nop(?: [\\p{L}\\d]+){0,4} roi', 'nop(?: [\\p{L}\\d]+){0,6} (?:tuan|thang|hom|nam) (?:truoc|roi)', 'ho so cua (?:toi|tui|em|e|minh|chau|con)', 'da nop', 'co nop', 'dang xu l[iy]', 'den dau roi', '(?:xem|tra cuu) (?:ket qua|tien do)', 'tien do (?:ho so|xu l[iy])',
      'chua (?:thay|co|nhan duoc) (?:gi|ai|ket qua|tra loi|phan hoi)', 'van chua',
      // an account: "đăng nhập cứ báo sai mật khẩu", "tài khoản mức 2 nâng cấp thế nào"
      '(?:bao|bi) (?:loi|sai|khoa)', 'khong (?:dang nhap|vao) duoc', 'dang nhap lai', '(?:doi|mat) (?:dien thoai|may|sim)', 'mat khau', 'sai mk', '(?:tao|lap|dang k[iy]) tai khoan', 'nang cap', 'kich hoat', 'muc 2',
      // how to log in ("đăng nhập bằng VNeID kiểu gì", "cách đăng nhập cổng dịch vụ công"), or tried in vain ("thử mãi không được")
      'dang nhap(?: \\p{L}+){0,6} (?:kieu gi|the nao|ntn|ra sao)', 'cach dang nhap', '(?:thu|lam) (?:mai|hoai|nhieu lan|may lan|roi) (?:ma )?(?:ko|khong|k|chua) (?:duoc|dc)',
    ].join('|') +
    ')\\b',
  'u',
);
const OWN_CASE_INTENTS = new Set(['status', 'online_guide']);
/** Words of a wait already under way ("vẫn chưa", "tuần trước", "3 tuần rồi"; folded). */
const WAITING = /\b(?:chua|van|truoc|lau roi|tu (?:hom|thu|thang|tuan)|\d+ (?:ngay|hom|tuan|thang))\b/u;
/**
 * The words are about one's own file or account (OWN_CASE). Not how long it takes once handed in,
 * asked without a wait under way ("nộp hồ sơ rồi bao lâu thì được giải quyết", "nộp rồi thì tháng
 * nào bắt đầu có tiền"): that is the time of the procedure spoken of.
 */
function aboutOwnCase(folded: string, facet: Facet | undefined): boolean {
  return OWN_CASE.test(folded) && (facet !== 'time' || WAITING.test(folded));
}
/**
 * Where one's file stands, read this likely behind its procedure, is asked when the words are about
 * one's own file, however sure the procedure ("hồ sơ tách thửa đó, nộp 3 tuần rồi": the split 0.70,
 * where it stands 0.19, next to nothing else).
 */
const OWN_CASE_RUNNER_UP = 0.15;
/** "quay lại vụ …", "trở lại chuyện …": back to something asked before (folded text). */
const BACK_TO = /^\s*(?:\p{L}+\s+){0,2}(?:quay lai|tro lai)\s/u;
/** The message without its "quay lại (vụ …)" (as typed: BACK_TO matched the folded words one for one). */
function withoutBackTo(message: string, folded: string): string {
  const marker = BACK_TO.exec(folded)![0].trim().split(/\s+/).length;
  const words = message.trim().split(/\s+/);
  return words.slice(marker).join(' ');
}
/**
 * "còn …", "thế còn …", "dạ vâng, mà …": the resident turns to something else ("còn đăng ký kết hôn
 * thì làm ở đâu"); "thế nếu …", "còn nếu …": to another case ("thế nếu nghỉ bán hẳn thì sao" after
 * pausing a business); "hay là …": to an alternative ("hay là tôi gửi phản ánh qua đây luôn"). Read on
 * the typed text: folded, "còn" is "con" (a child) and "mà" is "ma"; unmarked "con"/"the" count only
 * before "neu", "con" before a short clause closed by an unmarked "thi" ("con dang ky ket hon thi lam ben xa nao":
 * read as "con", a child, it asks about the same thing), "the con" or "vay con" before one of up to ten words
 * ("the con giay cam ket co chu ky cua chau thi …": no child there), and "con" before "vu", "viec",
 * "chuyen", "cai", with "1"/"mot" before them or not ("con vu khai sinh cho be": "còn vụ …"; "con 1 chuyen, …":
 * "còn một chuyện", a second matter). "cái khai tử thì …":
 * the thing named between "cái" and "thì" is turned to, and so is what "thế/vậy … thì" holds ("ok, thế đăng ký tạm trú cho bạn cùng phòng thì làm ở đâu").
 */
const TURNS_TO = /^\s*(?:(?:dạ|vâng|ừ|ừm|ờ|uh|um|ok|oke|à)[\s,.!]+)*(?:(?:(?:thế|vậy|thê|thì)\s+)?(?:còn|mà)|hay\s+l[àa]|(?:thế|the|vậy|vay|còn|con)(?=\s+n[eế]u\s)|(?:the|vay)\s+con(?=(?:\s+\S+){1,10}\s+thi\s)|con(?=(?:\s+\S+){1,6}\s+thi\s|(?:\s+(?:1|mot))?\s+(?:vu|viec|chuyen|cai)[\s,.:])|cái(?=(?:\s+\S+){1,4}\s+thì\s)|(?:thế|vậy)(?=(?:\s+\S+){2,10}\s+thì\s))\s/iu;
/** Words that make a message a question or a request ("… không", "… thế nào", "muốn làm", Central "thì răng"), folded. */
// "can bo" is "cán bộ" (an official) far more often than "cần bố": no question in it.
const ASKS = /\b((?:thi|the|lam) rang$|sao|gi|j|khong|ko|k|hong|nao|dau|bao nhieu|bao lau|may|chua|the nao|ntn|phai|muon|can(?! bo\b)|xin|lam|dang k[iy]|dk|hoi(?! roi\b)|giup|huong dan|thu tuc|duoc)\b/u;

/**
 * The resident tells their circumstances ("tôi đang tạm trú ở đây, thường trú ở tỉnh khác") without
 * asking or requesting anything: context for the topic, not a new subject by itself.
 */
function isStatement(message: string): boolean {
  if (message.includes('?')) return false;
  // Folded, "hỏng" (broken) and "hồng" (sổ hồng) are "hong", the chat spelling of "không": only
  // "hong" or "hông" as typed asks.
  const words = message.toLowerCase().normalize('NFC').split(/\s+/).filter((w) => fold(w) !== 'hong' || /^h[oô]ng\p{P}*$/u.test(w));
  return !ASKS.test(fold(words.join(' ')));
}
/**
 * Whether a paper is needed or accepted ("có cần sổ hộ khẩu nữa không", "mang CMND cũ được không hay
 * phải có căn cước", "hộ chiếu có cần dịch công chứng không", "cà vẹt xe với căn cước hai bên là đủ chưa",
 * "mang giấy khai sinh bản gốc hả": bringing it, asked for confirmation), folded…
 */
const ASKS_IF_NEEDED = /\b(co can|can \p{L}+(?: \p{L}+){0,7} (?:khong|ko|k)|phai co \p{L}+(?: \p{L}+){0,7} (?:khong|ko|k)|co phai|hay phai|(?:duoc|dc) (?:khong|ko|k|chu|ha)|du (?:chua|khong|ko|k)|(?:mang|nop|kem|cam|dem)(?: \p{L}+){1,6} (?:theo )?(?:ha|hay sao|a|chu|nhi|luon|dung (?:khong|ko|k|chu|ha)|phai (?:khong|ko|k))$)\b/u;
/** Words that name a paper, a copy of one or a signature on one (folded text). */
const NAMES_A_PAPER = /\b(giay|ho so|ban ve|ban (?:goc|chinh|sao|photo)|bien ban|hop dong|so (?:goc|ho khau|do|hong)|chu k[iy]|k[iy] (?:ten|dong y|xac nhan|cung)|cong chung|van ban|don|cccd|cmnd|cmt|gks|can cuoc|chung minh|ho chieu|trich luc|\p{L}+ goc)\b/u;
/**
 * …and not how to get it ("làm căn cước cho con có cần giấy khai sinh không", "photo rồi chứng
 * thực"); "để làm" is the topic being done ("dùng CMND để làm có được không"), "có phải xin …" asks
 * whether it is needed ("có phải xin giấy xác nhận độc thân không"), and "không/chưa đăng ký kết hôn
 * thì có nhận con được không" asks whether the topic can do without it, but "có phải đổi lại thẻ căn
 * cước không" asks about getting the paper again; "làm hồ sơ / thủ tục …" is
 * doing the topic ("làm hồ sơ trợ cấp có cần bản sao giấy khai sinh không"), and "trợ cấp" is not "cấp".
 */
const GETS_PAPER = /\b(?:(?<!de |co phai |co can |khong |ko |k |chua |tro )(lam|cap|doi|xin|dang k[iy]|dk|chung thuc)\b(?! (?:ho so|thu tuc|don)\b)|(?:lam|cap|doi) lai\b)/u;
/**
 * Who has to come in person, or who may go instead ("2 đứa phải cùng lên hay 1 người đi được",
 * "lúc nhận giấy thì cả hai phải có mặt hả", "ủy quyền cho mẹ em đi làm được không", "tôi đi xin hộ
 * được không"): a question about how the topic is done, which names no procedure of its own (folded).
 */
const ASKS_WHO_COMES = new RegExp(
  '\\b(' +
    [
      'co mat', 'di cung', '(?:cung|ca) (?:\\p{L}+ ){0,2}(?:len|di|den|ra|ve)', '(?:di|len|lam|nop) (?:mot|1) minh', '(?:mot|1) (?:nguoi|minh) (?:di|len|lam|nop)',
      'nguoi khac (?:di|nop|lam)', '(?:di|nop|lam|ky) thay', 'uy quyen', '(?:xin|lam|nop|di) ho(?= (?:duoc|dc|dum|giup|cho|co)\\b|$)',
    ].join('|') +
    ')\\b',
  'u',
);
/** Under this, a likely reading that also names the topic among its candidates is a loose one. */
const LOOSE_BELOW = 0.5;
/** A statement read with what was said before changes the case when that reading is at least this likely. */
const CHANGES_CASE_AT = 0.6;
/** In a loose reading, the topic is at least this fraction of the best reading's probability (as 1 / LOOSE_RIVAL). */
const LOOSE_RIVAL = 4;
/** A rival this close to a loose reading is as likely, for all the model can tell. */
const CLOSE_RIVAL = 1.5;
/** "… thì có được không (ạ)": whether something applies in the case told before it (folded). */
const ASKS_IF_APPLIES = /\bthi (?:co )?(?:duoc|dc) (?:khong|ko|k|hong|hem|chu)(?: (?:a|ad|ah|vay|v|nhi|nhe|em|chi|anh|chau|ban))*[\s?.!]*$/u;
/** "… cùng lúc / một lần / một thể / làm chung": something done together with the topic (folded). */
const TOGETHER = /\b(?:cung luc|mot lan|1 lan|mot the|1 the|lam chung|dong thoi)\b/u;
/** The form a paper is handed in as: a question on the topic's documents (folded text). */
const PAPER_FORM = /\b(photo|pho to|ban sao|ban chinh|ban goc|cong chung|scan)\b/u;
/** A choice between the original and a copy ("cần bản gốc hay bản sao", "bản gốc sổ đỏ hay bản sao", "photo hay bản chính"), folded. */
const ORIGINAL_OR_COPY = /\b(?:(?:ban )?(?:goc|chinh)(?: \p{L}+){0,3} hay (?:la )?(?:ban )?(?:sao|photo|pho to|chup)|(?:ban )?(?:sao|photo|pho to|chup)(?: \p{L}+){0,3} hay (?:la )?(?:ban )?(?:goc|chinh))\b/u;
/** "… cũng mất / cháy luôn / bị rách": something else lost or damaged too (folded text). */
const ALSO_LOST = /\bcung (?:\p{L}+ ){0,2}(?:mat|chay|rach|hong|hu|that lac|uot|nat)\b/u;
/** The register a civil-status event is kept in, at the commune (folded text). */
const NAMES_THE_REGISTER = /\bso (?:goc|luu|ho tich|dang ky|bo)\b/u;
/** A paper the resident lacks: lost, never had, no longer has (folded text). */
const PAPER_MISSING = /\b(bi mat|mat roi|lam mat|that lac|khong co|chua co|khong con)\b/u;
/** "tiện hỏi …", "nhân tiện cho em hỏi …", "hỏi thêm …": the resident says a new question comes (folded text). */
const ASIDE = /^(?:(?:nhan )?tien (?:day |the )?(?:hoi|cho \p{L}+ hoi)|hoi them|cho \p{L}+ hoi them)\b/u;
/** The procedure a sentence points to beside the topic must be at least this likely. */
const NEIGHBOUR_AT = 0.2;
/** A neighbour the topic's name points to is at least this many times likelier than the message makes it by itself. */
const REFINED_BY_TOPIC = 1.5;
/**
 * Between the topic and another procedure, a facet question is settled only by a clear lead, this
 * factor, in the reading with the topic's name: the neighbour must lead the topic to refine it ("bao
 * lâu thì có sổ mới" after a lost land certificate reads the replacement of a worn one about as well
 * as the topic: it stays), and the topic must lead a procedure the message surely names to keep it.
 */
const CLEAR_LEAD = 2;
/** Whether a reading puts this procedure first, at least CLEAR_LEAD times as likely as the rival. */
function leadsClearly(u: Understanding, procedureId: string, rivalId: string | undefined): boolean {
  const first = u.intent === 'procedure' ? u.results[0] : undefined;
  return first?.id === procedureId && first.score >= CLEAR_LEAD * (u.results.find((r) => r.id === rivalId)?.score ?? 0);
}

/** A long facet question this sure of another procedure by itself names it, whatever the topic… */
const NAMES_ITS_OWN = 0.9;
/** …when it gives the topic less than this. */
const TOPIC_TRACE = 0.02;

/** A reading is ruled out by the context when reading them together leaves it this many times less likely. */
const RULED_OUT = 5;
function ruledOut(alone: Understanding, withContext: Understanding): boolean {
  const own = alone.results[0];
  if (!own || withContext.results[0]?.id === own.id) return false;
  return (withContext.results.find((r) => r.id === own.id)?.score ?? 0) * RULED_OUT <= own.score;
}

/**
 * The clause that carries the question after a marker: "nhận con xong thì <đổi họ cho bé …>" (the
 * topic done, what next), "à nhầm, không phải sai tên, mà là <sổ cũ bị mờ hết chữ>", "ý em là <…>"
 * (a correction). Typed text; unmarked forms too.
 */
const FOCUS_AFTER = [
  /(?:^|[\s,.;])xong(?:\s+r[ồo]i)?\s+th[ìi]\s+(.{6,})$/iu,
  // "làm khai tử xong rồi, giờ <chỉ xin tiền mai táng thôi>"
  /(?:^|[\s,.;])xong(?:\s+r[ồo]i)?[\s,]+(?:b[âa]y\s+)?gi[ờo]\s+(.{6,})$/iu,
  /(?:^|[\s,.;])m[àa]\s+l[àa]\s+(.{6,})$/iu,
  /(?:^|[\s,.;])[ýy]\s+(?:em|e|tôi|toi|t|mình|minh|con|cháu|chau)\s+l[àa]\s+(.{6,})$/iu,
];

function focusOf(message: string): string | undefined {
  for (const marker of FOCUS_AFTER) {
    const m = marker.exec(message);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * "Out of scope" whose likeliest procedure (or the one after it) is the topic itself, and not by a trace ("xã có hòa giải
 * giúp không" about a land dispute being mediated: the mediation at 0.15, next to nothing else): the
 * words are the topic's, only the model's doubt made it nothing of ours. Read with the topic below,
 * like any unclear follow-up. An advert for quick land certificates gives the topic a trace (0.01).
 */
const TOPIC_IN_DOUBT = 0.1;
function outOfScopeButTopic(alone: Understanding, topic: Topic): boolean {
  // Second to a neighbour of the topic counts too ("còn nợ thuế khoán 2 tháng thì có đóng cửa được ko"
  // while closing a business: suspending it 0.15, closing it 0.13).
  return alone.intent === 'out_of_scope' && alone.results.slice(0, 2).some((r) => r.id === topic.procedureId && r.score >= TOPIC_IN_DOUBT);
}

/**
 * "cái này có phải đi lại nhiều ko" in the middle of a topic: a short question that points back
 * ("này", "đó", "ấy") is about the topic, however little of it the model finds in the words by
 * themselves ("nothing of ours"). Read with the topic below, like any unclear follow-up.
 */
function pointsBackToTopic(alone: Understanding, message: string, words: number): boolean {
  return alone.intent === 'out_of_scope' && words <= LONG_ENOUGH_WORDS && POINTS_BACK.test(message) && !isStatement(message);
}

/** "nếu về sớm hơn thì sao", "còn nếu không có giấy đó thì thế nào" (folded): a what-if asked of what was said. */
const WHAT_IF = /^(?:(?:the|vay|con|ma|nhung) )*neu\b.*\bthi (?:sao|the nao|ntn|lam sao|tinh sao|nhu nao)(?: (?:a|ad|ah|vay|v|z|nhi|nhe|em|chi|anh|chau))*$/u;

/**
 * A short what-if question in the middle of a topic ("nếu về sớm hơn thì sao" while suspending a
 * business) reads as nothing of ours by itself, the topic first among its procedures: it asks about
 * the topic in the case told. Read with the topic below, like any unclear follow-up.
 */
function whatIfOfTopic(alone: Understanding, topic: Topic, folded: string, words: number): boolean {
  return alone.intent === 'out_of_scope' && alone.confidence < defaultPolicy.sureAt && words <= LONG_ENOUGH_WORDS && alone.results[0]?.id === topic.procedureId && alone.results[0].score >= TOPIC_TRACE && WHAT_IF.test(folded);
}

/**
 * Whether a procedure is a case of another by their names: the case's name is the general one's with
 * a qualifier after it ("Đăng ký kết hôn có yếu tố nước ngoài" of "Đăng ký kết hôn").
 */
function isCaseOf(caseName: string | undefined, generalName: string | undefined): boolean {
  return caseName !== undefined && generalName !== undefined && fold(caseName).startsWith(`${fold(generalName)} `);
}

/** "có cần bố chồng ký không", "có phải nộp lại bản gốc không": whether a paper is needed (folded). */
function asksIfPaperNeeded(folded: string): boolean {
  return ASKS_IF_NEEDED.test(folded) && NAMES_A_PAPER.test(folded);
}

/**
 * "giấy mua bán viết tay năm 1990 có dùng được không" during a first land certificate: whether a
 * paper will do, out of scope by itself but with the topic among its candidates, asks about the
 * topic's documents (readInContext gives the facet).
 */
function asksOfTopicsPaper(alone: Understanding, topic: Topic, folded: string): boolean {
  const topicAmongFirst = alone.results.slice(0, 3).some((r) => r.id === topic.procedureId && r.score >= TOPIC_TRACE);
  return alone.intent === 'out_of_scope' && topicAmongFirst && asksIfPaperNeeded(folded);
}

/** The procedures of the conversation, the topic first, then those before it, latest first. */
const discussedIn = (topic: Topic): string[] => [topic.procedureId, ...(topic.earlier ?? []).map((e) => e.procedureId)];

const fresh = (at: string, now: Date) => now.getTime() - new Date(at).getTime() <= TOPIC_TTL_MS;

export function activeTopic(state: UserState, now: Date): Topic | undefined {
  const topic = state.topic;
  if (!topic || !fresh(topic.at, now)) return undefined;
  const earlier = topic.earlier?.filter((e) => fresh(e.at, now));
  return { ...topic, earlier: earlier?.length ? earlier : undefined };
}

/** How many procedures discussed before the topic are remembered. */
const EARLIER_KEPT = 3;

/**
 * The topic after a turn answered `procedureId`. A follow-up on the same procedure keeps the words
 * that set it; going back to one discussed before takes that one's words again; a new topic takes
 * the message's (none for a button). The topic it replaces is remembered among the earlier ones.
 */
export function topicAfter(
  previous: Topic | undefined,
  turn: { procedureId: string; facet?: Facet; message: string; followUp: boolean; pick: boolean; now: Date; paper?: string },
): Topic {
  const at = turn.now.toISOString();
  if (previous?.procedureId === turn.procedureId) {
    const words = turn.followUp ? previous.words : turn.pick ? undefined : turn.message.slice(0, 300);
    // The paper asked about last is remembered while the topic stays (a new one replaces it).
    const paper = turn.paper ?? (turn.followUp ? previous.paper : undefined);
    return { procedureId: turn.procedureId, facet: turn.facet, at, ...(words ? { words } : {}), ...(previous.earlier ? { earlier: previous.earlier } : {}), ...(paper ? { paper } : {}) };
  }
  const back = previous?.earlier?.find((e) => e.procedureId === turn.procedureId);
  const words = back && turn.followUp ? back.words : turn.pick ? undefined : turn.message.slice(0, 300);
  const earlier = previous
    ? [{ procedureId: previous.procedureId, at: previous.at, ...(previous.words ? { words: previous.words } : {}) }, ...(previous.earlier ?? []).filter((e) => e.procedureId !== turn.procedureId)].slice(0, EARLIER_KEPT)
    : [];
  return { procedureId: turn.procedureId, facet: turn.facet, at, ...(words ? { words } : {}), ...(earlier.length ? { earlier } : {}) };
}

export interface ContextualReading {
  understanding: Understanding;
  /** The message continues the topic (or refines it): no welcome guide, no condolences again. */
  followUp: boolean;
  /** The facet the message asks, where the context tells it and the words alone do not. */
  facet?: Facet;
  /** A procedure whose paper the message asked about as one the topic needs (kept with the topic). */
  paper?: string;
}

export interface ReadInContext {
  message: string;
  /** The message understood by itself. */
  alone: Understanding;
  facet: Facet | undefined;
  topic: Topic | undefined;
  understand: (text: string) => Understanding;
  /** The topic's name, read with a follow-up so the model sees what it refers to. */
  topicName: (id: string) => string | undefined;
  /** Whether what a procedure issues is a paper brought to other procedures (catalog's `paper_for_others`). */
  paperForOthers: (id: string) => boolean;
  /** Whether a message uses the words of one of a procedure's own papers (src/catalog/document-terms.ts). */
  mentionsDocument: (id: string, message: string, anyPaper?: boolean) => boolean;
  /** When a procedure does not apply, in the resident's words, and which applies instead (catalog's `not_when`). */
  notWhen: NotWhen;
  /** The message with its short forms written out ("đã đk" → "da dang ky"), nothing added. */
  writeOut?: (text: string) => string;
  /** What a facet question asks about: its words without the facet's and the particles (chat/phrases.ts). */
  subjectOfFacetQuestion?: (text: string, asked: Facet) => string;
}

/**
 * "có giấy rồi thì làm sao để cháu có tiền hằng tháng": what comes after the topic is the procedure
 * the message reads as with what the resident said when the topic was set (a child's disability:
 * the monthly social allowance, not the pension of the elderly), when the message by itself allows
 * it among its first three and reads loosely.
 */
function nextAfterTopic(topic: Topic, alone: Understanding, withWords: Understanding, sameMatter: (id: string) => boolean): Understanding {
  const next = withWords.intent === 'procedure' ? withWords.results.find((r) => r.id !== topic.procedureId && !sameMatter(r.id)) : undefined;
  const own = next && alone.results.slice(0, 3).find((r) => r.id === next.id);
  // A reading fairly sure by itself stands ("xong rồi nhập hộ khẩu cho bé": the residence).
  if (!own || own === alone.results[0] || alone.confidence >= LOOSE_BELOW) return alone;
  const results = [own, ...alone.results.filter((r) => r !== own)];
  return { ...alone, certainty: 'likely', confidence: own.score, results, choices: results.slice(0, defaultPolicy.maxChoices) };
}

/** A procedure of the conversation as the answer: the resident is talking about it. */
function onProcedure(procedureId: string, ranked: Understanding): Understanding {
  return {
    intent: 'procedure',
    confidence: 1,
    certainty: 'sure',
    results: [{ id: procedureId, score: 1 }, ...ranked.results.filter((r) => r.id !== procedureId)],
    choices: [],
  };
}

/** The topic as the answer: the resident is still talking about it. */
const onTopic = (topic: Topic, ranked: Understanding): Understanding => onProcedure(topic.procedureId, ranked);

/**
 * Reads a message in the light of the conversation's topic. A message that clearly names another
 * procedure switches; a clear other intent (the hotline, office hours) is answered and the topic
 * kept; otherwise the message is read together with the topic's name, so "còn lệ phí?" after a
 * question about marriage is about the marriage fee, and "vợ em là người Trung Quốc" refines it
 * to a marriage with a foreigner.
 */
export function readInContext(o: ReadInContext): ContextualReading {
  const folded = fold(o.message);
  const reading = notApplying(o, readWithTopic(o, folded));
  // "có cần bố chồng ký đồng ý không", "có phải nộp lại sổ gốc không": whether a paper is needed, asked
  // of the topic without a facet's words, is a question on its documents.
  // Of a procedure discussed before too, returned to ("quay lại cái giấy phép xây dựng, hồ sơ có cần bản vẽ không").
  const discussed = o.topic ? discussedIn(o.topic) : [];
  const onTheTopic = reading.understanding.intent === 'procedure' && discussed.includes(reading.understanding.results[0]?.id ?? '') && (reading.followUp || reading.understanding.results[0]?.id === o.topic?.procedureId);
  if (onTheTopic && !o.facet && !reading.facet && asksIfPaperNeeded(folded)) {
    return { ...reading, facet: 'documents' };
  }
  return reading;
}

/** A procedure the resident's own words rule out gives way to the one that applies then (catalog's `not_when`). */
function notApplying(o: ReadInContext, reading: ContextualReading): ContextualReading {
  let understanding = withNotWhen(o.message, reading.understanding, o.notWhen, o.writeOut);
  // What the resident said when the topic was set rules a reading out too ("hai đứa chưa cưới thì có
  // được không" after "lúc làm khai sinh chưa có tên bố": the child has a birth paper already, so no
  // birth registered together with the recognition), when it sends the resident back to the topic.
  // Old words must not send a new subject anywhere else, nor hold back a return to an earlier one
  // ("quay lại chuyện kết hôn" after asking for a single-status paper).
  if (understanding === reading.understanding && o.topic?.words && !BACK_TO.test(fold(o.message))) {
    const withWords = withNotWhen(`${o.topic.words}. ${o.message}`, reading.understanding, o.notWhen, o.writeOut);
    if (withWords.results[0]?.id === o.topic.procedureId) understanding = withWords;
  }
  if (understanding === reading.understanding) return reading;
  return { ...reading, understanding, followUp: reading.followUp || o.topic !== undefined };
}

/** The reading of readInContext before the facet it may imply: which procedure or intent, and whether it follows up. */
function readWithTopic(o: ReadInContext, folded: string): ContextualReading {
  const { alone, topic, facet } = o;
  // The words about one's own file, read as its procedure with where things stand close behind
  // ("à hồ sơ xin phép xây nhà của e nộp tháng trước giờ đến đâu rồi", "hồ sơ tách thửa đó, nộp 3
  // tuần rồi"): where it stands is asked, a topic or none, whatever procedure was spoken of before.
  const runnerUp = alone.runnerUpIntent;
  if (alone.intent === 'procedure' && runnerUp?.intent === 'status' && runnerUp.confidence >= OWN_CASE_RUNNER_UP && aboutOwnCase(folded, o.facet)) {
    return { understanding: { intent: 'status', confidence: runnerUp.confidence, certainty: 'likely', results: alone.results, choices: [] }, followUp: false };
  }
  if (!topic || alone.petitionCode) return { understanding: alone, followUp: false };
  // Getting a paper another agency issues, asked where, when or how much ("e làm hộ chiếu để sang Hàn
  // thì nộp ở xã được k", "visa của chồng em sắp hết hạn, gia hạn ở đâu", "mở tiệm rồi thì đóng thuế
  // khoán ở đâu"): that agency's business, whatever the topic and however the words read by
  // themselves. The paper among the topic's own papers is not ("hộ chiếu của chồng em cần bản gốc
  // hay bản sao": its documents).
  if (facet && facet !== 'documents' && GETS_OTHER_AGENCYS_PAPER.test(folded)) {
    // Decided by the words, as a procedure of the conversation is (onProcedure): certain.
    return { understanding: { intent: 'out_of_scope', confidence: 1, certainty: 'sure', results: alone.results, choices: [] }, followUp: false };
  }

  const name = o.topicName(topic.procedureId);
  // The message read after the topic's name, and after what the resident wrote when the topic was
  // set: several rules below may ask for either, so each is read at most once.
  let withNameRead: Understanding | undefined;
  const read = () => (withNameRead ??= name ? o.understand(`${name}. ${o.message}`) : alone);
  let withWordsRead: Understanding | undefined;
  const readWithWords = () => (withWordsRead ??= o.understand(`${topic.words}. ${o.message}`));

  // What follows "… xong thì", "mà là", "ý em là" is what is asked: a procedure other than the
  // topic that it names, read by itself, is where the resident goes. Not when it asks about a paper
  // ("đổi xong thì giấy khai sinh cũ còn dùng được không"): the rules on papers below decide. A paper
  // in circumstances told ("ý em là … cán bộ bảo sổ gốc năm đó mất, bản chính cũng mất") is no question on it.
  // Read with what was said when the topic was set, the focus may keep to the topic or pick the
  // case of what it asks ("chỉ xin tiền mai táng thôi" after a brother on social allowance died: the
  // funeral support of that allowance, not of the social pension), when the focus alone allows it.
  const focus = focusOf(o.message);
  if (focus && (!NAMES_A_PAPER.test(fold(focus)) || isStatement(focus))) {
    const f = o.understand(focus);
    const clear = f.intent === 'procedure' && (f.certainty === 'sure' || f.certainty === 'likely');
    if (clear && topic.words && f.certainty !== 'sure') {
      const withWords = o.understand(`${topic.words}. ${focus}`);
      const cased = withWords.intent === 'procedure' ? withWords.results[0] : undefined;
      if (cased && f.results.slice(0, 3).some((r) => r.id === cased.id)) {
        return { understanding: cased.id === topic.procedureId ? onTopic(topic, withWords) : withWords, followUp: true };
      }
    }
    if (clear && f.results[0]?.id !== topic.procedureId) return { understanding: f, followUp: true };
  }

  // "quay lại vụ chuyển mục đích, nộp ở đâu": back to something discussed, the topic or one before
  // it, whichever the words point to most, even when by themselves they read as something else
  // (there "where to hand in online"). A procedure they surely name that was never discussed wins
  // over one discussed that they allow only a quarter as well.
  const discussed = discussedIn(topic);
  const named = alone.intent === 'procedure' && (alone.certainty === 'sure' || alone.certainty === 'likely') ? alone.results[0] : undefined;
  const caseOf = (caseId: string, generalId: string) => isCaseOf(o.topicName(caseId), o.topicName(generalId));
  if (BACK_TO.test(folded)) {
    // What the words name is read without "quay lại": with it, "lại" reads as registering again
    // ("quay lại chuyện kết hôn" as "đăng ký lại kết hôn").
    const words = o.understand(withoutBackTo(o.message, folded));
    const namedBack = words.intent === 'procedure' && (words.certainty === 'sure' || words.certainty === 'likely') ? words.results[0] : undefined;
    // Surely named, a procedure discussed must be among the first three and allowed a quarter as well;
    // unsure, among the first three or not in doubt.
    const candidates = namedBack
      ? words.results.slice(0, 3).filter((r) => r.score * LOOSE_RIVAL >= namedBack.score)
      : words.results.filter((r, i) => i < 3 || r.score >= TOPIC_IN_DOUBT);
    const back = candidates.filter((r) => discussed.includes(r.id)).sort((a, b) => b.score - a.score)[0];
    // "quay lại vụ kết hôn" after a marriage with a Korean and an aside: the words name the general
    // procedure, the conversation was about its case; back to whichever of them came last.
    const latest = back && discussed.find((id) => id === back.id || caseOf(id, back.id));
    if (back) return { understanding: onProcedure(latest ?? back.id, words), followUp: true };
    // "quay lại việc khai sinh" after a birth with a Japanese father and an aside: the words name the
    // general procedure, never discussed itself; the case of it that was discussed is meant.
    const caseBack = namedBack && discussed.find((id) => caseOf(id, namedBack.id));
    if (caseBack) return { understanding: onProcedure(caseBack, words), followUp: true };
    if (namedBack) return { understanding: words, followUp: true };
    // "quay lại việc khai sinh" after a reading that set the topic to the marriage the resident only
    // mentioned: back to what the words name, never discussed, even unsure (the choices are offered).
    const first = words.intent === 'procedure' ? words.results[0] : undefined;
    if (first && !discussed.includes(first.id) && first.score >= TOPIC_IN_DOUBT) return { understanding: words, followUp: true };
  }

  // A procedure discussed before the topic, named again likely enough ("ok. lệ phí đổi tên bn" after
  // an aside on the child's identity card): back to it, a facet asked or not, unless the words allow
  // the topic nearly as well.
  // Not the general procedure of which the topic is a case ("trong bao lâu thì có giấy kết hôn" after
  // the marriage turned out to be with a foreigner): the rule on cases below decides.
  if (named && alone.confidence >= defaultPolicy.likelyAt && named.id !== topic.procedureId && discussed.includes(named.id) && !caseOf(topic.procedureId, named.id)) {
    const topicAlone = alone.results.find((r) => r.id === topic.procedureId)?.score ?? 0;
    if (topicAlone * LOOSE_RIVAL < alone.confidence) return { understanding: alone, followUp: true };
  }

  // A longer statement that changes the case ("xã báo sổ cũng mất rồi") is read with what the
  // resident wrote when the topic was set: which paper or event it is about lives there, not in
  // the topic's name ("Cấp bản sao trích lục hộ tịch").
  const length = o.message.trim().split(/\s+/).length;
  // A facet's words in a long telling ("ra xã hỏi thì họ báo sổ gốc cũng mất") do not make it a mere
  // facet question.
  if ((!facet || length > LONG_ENOUGH_WORDS) && topic.words && length > SHORT_FOLLOW_UP_WORDS && alone.certainty !== 'sure') {
    const refined = readWithWords();
    if (refined.intent === 'procedure' && refined.confidence >= CHANGES_CASE_AT && refined.results[0]?.id !== topic.procedureId) return { understanding: refined, followUp: true };
  }

  // "tách xong thì sang tên thế nào": the topic is done, the message asks what comes next. A
  // procedure the message names by itself is that next one, even with a facet asked.
  if (TOPIC_DONE.test(folded) && alone.intent === 'procedure' && alone.certainty !== 'none' && alone.results[0]?.id !== topic.procedureId) {
    // What is done is not what comes next: the topic under another name, a case of it, or a procedure
    // named for the words before "xong" ("khai sinh xong …, nhập khẩu" is not the birth with residence).
    const done = DONE_WORDS.exec(folded)?.[1];
    const sameMatter = (id: string) => caseOf(id, topic.procedureId) || caseOf(topic.procedureId, id) || (!!done && ` ${fold(o.topicName(id) ?? '')} `.includes(` ${done} `));
    return { understanding: topic.words ? nextAfterTopic(topic, alone, readWithWords(), sameMatter) : alone, followUp: true };
  }

  // "xin giấy đó ở đâu" after asking whether the topic needs a paper another procedure issues: that
  // paper, unless the message surely names a procedure of its own.
  if (topic.paper && THAT_PAPER.test(o.message) && !(alone.intent === 'procedure' && alone.certainty === 'sure' && alone.results[0]?.id !== topic.procedureId)) {
    return { understanding: onProcedure(topic.paper, alone), followUp: true };
  }

  if (OWN_CASE_INTENTS.has(alone.intent) && alone.confidence >= CLEAR_INTENT && aboutOwnCase(folded, facet)) {
    return { understanding: alone, followUp: false };
  }
  // Who must come in person, asked of a topic by a message that names no other procedure surely
  // ("2 đứa phải cùng lên hay 1 người đi được"): by itself it reads as nothing much, often "out of scope".
  const namesAnother = alone.intent === 'procedure' && (alone.certainty === 'sure' || alone.certainty === 'likely') && alone.results[0]?.id !== topic.procedureId;
  if (!namesAnother && !isStatement(o.message) && ASKS_WHO_COMES.test(folded)) return { understanding: onTopic(topic, alone), followUp: true };

  // "có phải xét nghiệm ADN không" about recognising a father: a question in the words of one of the
  // topic's own papers asks about its documents, whatever the message reads as by itself.
  // Asking what form the paper must take (a photocopy, the original, certified) stays with the topic
  // even when the paper's name alone points elsewhere ("giấy chứng tử bản photo được không").
  // So does asking what to do without one of its papers ("giấy chứng sinh bệnh viện cấp bị mất rồi thì răng").
  // The original or a copy, asked of any paper ("hộ chiếu của chồng em cần bản gốc hay bản sao" about
  // a birth with a foreign father, whose list says "giấy tờ tùy thân"), is asked of the topic's papers.
  const paperForm = PAPER_FORM.test(folded);
  const elsewhere = alone.intent === 'procedure' && alone.certainty === 'sure' && alone.results[0]?.id !== topic.procedureId && !paperForm;
  const anyPaper = paperForm || PAPER_MISSING.test(folded);
  const ofItsPapers = ORIGINAL_OR_COPY.test(folded) || o.mentionsDocument(topic.procedureId, o.message, anyPaper);
  if ((!facet || facet === 'documents') && !elsewhere && !TURNS_TO.test(o.message) && !isStatement(o.message) && ofItsPapers) {
    return { understanding: onTopic(topic, alone), followUp: true, facet: 'documents' };
  }

  // "thế còn tiền của bà bao lâu thì được nhận" after an aside on certifying the grandmother's signature:
  // turned away from the topic, in words that read as nothing of ours by themselves but have a
  // procedure spoken of before among their first candidates (the social pension, 0.12): back to it.
  if (alone.intent === 'out_of_scope' && TURNS_TO.test(o.message)) {
    const back = alone.results.slice(0, 3).find((r) => r.id !== topic.procedureId && discussed.includes(r.id) && r.score >= TOPIC_IN_DOUBT);
    if (back) return { understanding: onProcedure(back.id, alone), followUp: true };
  }

  if (alone.intent === 'procedure') {
    // "mà thẻ căn cước của tôi cũng cháy luôn, làm lại ở đâu", "sổ đỏ cũng cháy luôn rồi" after a lost
    // birth paper or a burnt business certificate: another paper lost or damaged too is a second
    // subject, the procedure the message names by itself. Not the register kept at the commune ("xã
    // bảo sổ gốc cũng mất"): which event it was is in what was said before (the rules below).
    if (ALSO_LOST.test(folded) && !NAMES_THE_REGISTER.test(folded) && alone.results[0]?.id !== topic.procedureId && (alone.certainty === 'sure' || alone.certainty === 'likely')) {
      return { understanding: alone, followUp: true };
    }
    // "còn <another procedure> thì …": the resident turns to it, even with a facet asked, and even
    // when the reading only leads its runner-up (the words say a turn). What they said when the
    // topic was set may tell which case of it ("vợ sắp cưới là người Nhật").
    // Not to the general procedure of which the topic is a case ("còn đăng ký kết hôn mấy ngày thì
    // xong" after an aside during the marriage with a Japanese): the rule on cases below decides.
    const toGeneralOfTopic = !!alone.results[0] && caseOf(topic.procedureId, alone.results[0].id);
    if (TURNS_TO.test(o.message) && alone.results[0]?.id !== topic.procedureId && !toGeneralOfTopic && (alone.certainty === 'sure' || alone.certainty === 'likely')) {
      const refined = topic.words ? readWithWords() : undefined;
      const turnedTo = refined?.intent === 'procedure' && refined.results[0]?.id !== topic.procedureId && alone.results.slice(0, 3).some((r) => r.id === refined.results[0]?.id) ? refined : alone;
      // "còn vụ khai sinh cho bé" after the birth registered with the father's recognition, then the
      // marriage: back to the case of it discussed before.
      const named = turnedTo.results[0]!.id;
      const discussedCase = discussed.find((id) => id !== topic.procedureId && caseOf(id, named));
      if (discussedCase) return { understanding: onProcedure(discussedCase, turnedTo), followUp: true };
      // "còn tiền mai táng của bà thì làm sao" after the grandmother's social pension and her death
      // paper: read loosely, funeral support in general 0.40, that of the social pension 0.35. The
      // close rival the conversation already spoke of is the one meant.
      const spokenOf = turnedTo.confidence < LOOSE_BELOW ? turnedTo.results.slice(1, 3).find((r) => r.id !== topic.procedureId && discussed.includes(r.id) && r.score * CLOSE_RIVAL >= turnedTo.confidence) : undefined;
      if (spokenOf) return { understanding: onProcedure(spokenOf.id, turnedTo), followUp: true };
      return { understanding: turnedTo, followUp: true };
    }
    // "hai đứa muốn đăng ký kết hôn ở bên mình" while the topic is the marriage with a Korean: the
    // message names the general procedure of which the topic is a case (the topic's name is the
    // other's with a qualifier after it: "… có yếu tố nước ngoài"); read with what the resident said
    // when the topic was set, it is that case still. Not a combination named after its second part
    // ("… kết hợp đăng ký nhận cha, mẹ, con" is no case of the recognition of a child already registered).
    if (named && named.id !== topic.procedureId && topic.words && caseOf(topic.procedureId, named.id)) {
      const refined = readWithWords();
      if (leadsClearly(refined, topic.procedureId, named.id)) return { understanding: onTopic(topic, refined), followUp: true };
    }
    // Whether the topic needs a paper another procedure issues is a question on the topic's
    // documents; asking where, how long or how much for it is about getting it.
    const namedId = alone.results[0]?.id;
    if (namedId && namedId !== topic.procedureId && alone.certainty !== 'none' && (!facet || facet === 'documents') && o.paperForOthers(namedId) && ASKS_IF_NEEDED.test(folded) && !GETS_PAPER.test(folded)) {
      return { understanding: onTopic(topic, alone), followUp: true, facet: facet ?? 'documents', paper: namedId };
    }
    // A message that names a procedure of its own is about it (the topic's or another). A short
    // facet question ("thế cần giấy tờ gì") names one only by accident: it must be sure, and even
    // then, if the topic explains it ("tạm trú ở đây thì xin ở đâu" about a single-status paper),
    // it stays a question about the topic.
    if (alone.certainty === 'sure' && facet && alone.results[0]?.id !== topic.procedureId) {
      // Explained, it reads as the topic both after the topic's name and after what the resident said
      // when the topic was set: a long name alone outweighs any question ("Liên thông … mai táng.
      // Ông để lại mảnh đất, mấy anh em muốn làm giấy chia nhau thì làm ở đâu").
      // The topic must lead the named procedure clearly there: "anh cả không muốn nhận phần thì làm
      // giấy gì" after dividing an estate reads the division only 0.61 to 0.36 with its name, and is
      // the refusal of an inheritance it names.
      const named = alone.results[0]!.id;
      // A sentence of its own this sure of another procedure, that gives the topic nothing, names its
      // subject ("Mẹ cháu là vợ thương binh, bà cần giấy xác nhận là thân nhân người có công … xin ở
      // đâu" after a war invalid's death benefits): the topic's name and words share its vocabulary,
      // not its question.
      const topicAlone = alone.results.find((r) => r.id === topic.procedureId)?.score ?? 0;
      if (length > LONG_ENOUGH_WORDS && alone.confidence >= NAMES_ITS_OWN && topicAlone < TOPIC_TRACE) return { understanding: alone, followUp: false };
      const explains = (u: Understanding) => leadsClearly(u, topic.procedureId, named);
      const withTopic = read();
      if (explains(withTopic) && (!topic.words || explains(readWithWords()))) return { understanding: onTopic(topic, withTopic), followUp: true };
      return { understanding: alone, followUp: false };
    }
    // Leaving the topic takes a reading likely by itself: one that only leads its runner-up (a
    // loose resemblance, "giấy cũ bị mất luôn") is read with the topic first.
    if (alone.certainty === 'sure' || (alone.certainty === 'likely' && alone.confidence >= defaultPolicy.likelyAt && !facet)) {
      // A statement of circumstances that the topic explains stays with the topic; one that points
      // elsewhere even read with what the resident said before ("vợ em là người Trung Quốc", "xã
      // bảo sổ gốc cũng mất") moves on.
      // So does a loose reading (likely, not sure) that has the topic among its own candidates:
      // "xã cũng không còn lưu sổ năm đó" after "làm lại giấy khai tử cho ông cố" reads the marriage
      // and the death about alike by itself, and with what was said before, the death.
      // The topic must be a rival there, not a distant third ("nhưng mà ny em là người Hàn Quốc":
      // the marriage with a foreigner by far, the plain marriage twenty times less likely).
      const topicAlone = alone.results.slice(0, 3).find((r) => r.id === topic.procedureId);
      // "bố e 72 tuổi, nhà thuộc hộ nghèo thì có được ko" after the social pension asks whether the
      // topic applies in that case: however likely the case's own procedure, the topic as a rival
      // makes the reading loose.
      const asksIfApplies = ASKS_IF_APPLIES.test(folded);
      // "vậy nhập khẩu cho bé vào hộ ông nội cùng lúc được luôn hả" while the topic is the birth
      // registered with the residence and health card: a part of it asked to be done together with
      // it reads as that part (0.50) with the topic close behind (0.36); as a rival, the topic makes
      // the reading loose.
      const together = TOGETHER.test(folded);
      // "có phải nộp lại bản gốc giấy phép ko" while closing a business: whether a paper must be handed
      // in, read loosely as another procedure ("giấy phép" of the building permit, 0.31), asks about
      // the topic's papers when the topic is among its candidates at all, as when it reads as nothing
      // of ours (asksOfTopicsPaper).
      const asksOfPaper = alone.confidence < LOOSE_BELOW && !!topicAlone && topicAlone.score >= TOPIC_TRACE && !isStatement(o.message) && asksIfPaperNeeded(folded);
      const rival = !!topicAlone && topicAlone.score * LOOSE_RIVAL >= alone.confidence;
      const loose = alone.certainty === 'likely' && (((alone.confidence < LOOSE_BELOW || asksIfApplies || together) && rival) || asksOfPaper);
      // A few words sure of a procedure by themselves ("đăng ký khai sinh") name it: no circumstances to explain.
      const namesIt = alone.certainty === 'sure' && length <= SHORT_FOLLOW_UP_WORDS;
      if (!facet && alone.results[0]?.id !== topic.procedureId && ((isStatement(o.message) && !namesIt) || (loose && topic.words))) {
        const withEarlier = topic.words ? readWithWords() : read();
        // A statement the message reads as surely by itself must be explained clearly: "e sinh năm
        // 1995, cán bộ xã báo sổ gốc cũng bị mất luôn rồi" after a copy of a birth paper reads the copy
        // 0.59 to the birth registered again 0.33 with what was said before, and by itself the
        // latter: the case changed.
        const explained = loose
          ? withEarlier.intent === 'procedure' && withEarlier.results[0]?.id === topic.procedureId
          : leadsClearly(withEarlier, topic.procedureId, alone.results[0]?.id);
        if (explained) return { understanding: onTopic(topic, withEarlier), followUp: true };
        // Read with what was said before, it points to a third procedure more surely than it does
        // alone: that one ("xã bảo sổ năm đó bị lũ cuốn" after a lost death paper of 2005 is the
        // death registered again, not the birth the words alone suggest).
        if (topic.words && withEarlier.intent === 'procedure' && withEarlier.certainty !== 'none' && withEarlier.confidence > alone.confidence) return { understanding: withEarlier, followUp: true };
        // …or, likely enough, where what was said before all but rules out the message's own reading
        // ("xã nói sổ hộ tịch năm đó bị mối ăn mất rồi" after a grandfather's lost death paper: by
        // itself a birth registered again at 0.51, read with the death 0.03, and the death again first).
        if (topic.words && withEarlier.intent === 'procedure' && withEarlier.confidence >= defaultPolicy.likelyAt && ruledOut(alone, withEarlier)) return { understanding: withEarlier, followUp: true };
      }
      // Moving on, the case told before may carry over ("sau này sinh con ở VN" after a marriage
      // with a Korean: the birth with a foreign parent), when the message alone allows that reading
      // and, read with what was said before, points to it more surely than alone to its own. A
      // reading a life event placed has read what was said before already.
      if (topic.words && !alone.byLifeEvent && alone.results[0]?.id !== topic.procedureId) {
        const refined = readWithWords();
        const to = refined.results[0]?.id;
        const carried = refined.intent === 'procedure' && to && to !== topic.procedureId && to !== alone.results[0]?.id && refined.confidence > alone.confidence;
        if (carried && alone.results.slice(0, 3).some((r) => r.id === to)) return { understanding: refined, followUp: true };
      }
      return { understanding: alone, followUp: alone.results[0]?.id === topic.procedureId };
    }
  } else if (!outOfScopeButTopic(alone, topic) && !pointsBackToTopic(alone, o.message, length) && !whatIfOfTopic(alone, topic, folded, length) && !asksOfTopicsPaper(alone, topic, folded) && !questionNotComplaint(alone, o.message) && (facet ? clearDespiteFacet(o.message, length, alone, facet) || anotherAgencysBusiness(o, alone, topic, facet) : alone.confidence >= CLEAR_INTENT || ((TURNS_TO.test(o.message) || aboutTheOffice(alone, topic, length)) && alone.confidence >= TURNED_INTENT))) {
    // Thanks, the hotline, office hours…: answered, the topic kept for the next question.
    return { understanding: alone, followUp: false };
  }

  const withTopic = read();
  if (withTopic.intent === 'procedure' && withTopic.results[0]) {
    if (withTopic.results[0].id === topic.procedureId) {
      // Read with the topic's name, the topic comes first; but a sentence of its own that gives the
      // topic no support by itself ("cháu sinh năm 2010 mà giờ mất bản chính") is about the
      // neighbour the topic brought up. Unless what the resident said when the topic was set keeps
      // it clearly first ("cán bộ nói sổ hộ tịch năm đó bị mối ăn hết" after a death registered again:
      // not the birth). A question is the neighbour's only when it comes as an aside ("tiện hỏi, tên
      // đệm … khác nhau một chữ, sửa luôn được không"): "vợ em đứng tên chủ hộ được không" asks whether
      // the household business being registered may be in the wife's name, not how to change its owner.
      const supported = facet || length <= SHORT_FOLLOW_UP_WORDS || alone.results.slice(0, 3).some((r) => r.id === topic.procedureId);
      const neighbour = withTopic.results[1];
      const aside = ASIDE.test(folded);
      const keptByWords = () => !aside && leadsClearly(readWithWords(), topic.procedureId, neighbour!.id);
      if (!supported && (isStatement(o.message) || aside) && neighbour && neighbour.score >= NEIGHBOUR_AT && !(topic.words && keptByWords())) {
        return { understanding: { ...withTopic, certainty: 'likely', results: [neighbour, ...withTopic.results.filter((r) => r !== neighbour)], choices: [neighbour, withTopic.results[0]] }, followUp: true };
      }
      return { understanding: onTopic(topic, withTopic), followUp: true };
    }
    // Read with the topic, the message points to a neighbouring procedure: it refines the topic. The
    // topic's name must be what points there: a reading the message has nearly as much by itself
    // ("tiệm photo nào mở muộn" about opening a business) was not likely enough to leave the topic.
    const pointed = withTopic.results[0];
    const byItself = alone.intent === 'procedure' ? (alone.results.find((r) => r.id === pointed.id)?.score ?? 0) : 0;
    const topicWithName = withTopic.results.find((r) => r.id === topic.procedureId)?.score ?? 0;
    // With a facet asked, the neighbour must also be likely by the policy's own measure, not merely
    // lead: "Đăng ký khai tử. Cháu nộp ở đâu ạ…" reads "Đăng ký lại khai tử" at 0.26 because its name
    // holds every word of the topic's.
    const leads = !facet || (pointed.score >= CLEAR_LEAD * topicWithName && pointed.score >= defaultPolicy.likelyAt);
    if ((withTopic.certainty === 'sure' || withTopic.certainty === 'likely') && pointed.score >= REFINED_BY_TOPIC * byItself && leads) return { understanding: withTopic, followUp: true };
  }
  if (facet) return { understanding: onTopic(topic, withTopic), followUp: true };
  return { understanding: alone, followUp: false };
}
