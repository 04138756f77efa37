import type { PublicFacts } from '../catalog/public-facts.js';
import type { UncertainTopic } from '../catalog/public-text.js';
import { dialable } from '../catalog/labels.js';
import type { Facet, Facets } from '../catalog/schema.js';
import type { Reply, ReplyButton } from './reply.js';

/** What a phone shows before scrolling: replies aim to fit here (the rest is behind buttons). */
export const ONE_SCREEN_CHARS = 600;

/** Payload of the buttons that ask one facet of one procedure ("#tt dang-ky-ket-hon fee"). */
export const FACET_PAYLOAD = '#tt';

/** The facets offered as buttons, in the order residents most often need them. */
const BUTTON_ORDER: Facet[] = ['documents', 'fee', 'time', 'where', 'steps', 'online'];

/** Which uncertain facts a facet's reply must mention ("Lệ phí do tỉnh quy định…"). */
const UNCERTAIN_FOR: Record<Facet, UncertainTopic[]> = {
  fee: ['fee'],
  time: ['time'],
  documents: ['documents'],
  where: ['where'],
  online: [],
  steps: ['documents', 'other'],
  overview: ['fee', 'time', 'where', 'documents', 'other'],
};

/** "Đăng ký kết hôn" inside a sentence: "lệ phí đăng ký kết hôn". */
function inSentence(name: string): string {
  return name.replace(/^\p{Lu}(?=\p{Ll})/u, (c) => c.toLowerCase());
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?…:)]$/.test(t) ? t : `${t}.`;
}

function documentLine(d: PublicFacts['documents'][number]): string {
  return `• ${d.name}${d.detail ? ` (${d.detail})` : ''}${d.condition ? `: ${d.condition.replace(/^\p{Lu}(?=\p{Ll})/u, (c) => c.toLowerCase())}` : ''}`;
}

/** A document in the overview: its name and, always, its condition ("chỉ khi xin cấp lại"). */
function compactDocument(d: PublicFacts['documents'][number]): string {
  const name = d.name.replace(/\s*\((theo mẫu|bản chính|bản sao)\)$/u, '');
  return d.condition ? `${name} (${d.condition.replace(/^\p{Lu}(?=\p{Ll})/u, (c) => c.toLowerCase()).replace(/[.]$/, '')})` : name;
}

/** "Căn cứ: Nghị quyết …" for a fact a province or commune set: residents can look the act up. */
function citedLines(f: PublicFacts, fact: PublicFacts['citations'][number]['fact']): string[] {
  const sources = f.citations.filter((c) => c.fact === fact).map((c) => c.source);
  return sources.length ? [`Căn cứ: ${sentence(sources.join('; '))}`] : [];
}

/** The province's and the commune's own notes, each said to be theirs. */
function noteLines(f: PublicFacts): string[] {
  return f.notes.map((n) => `• ${n.layer === 'commune' ? 'Lưu ý của xã' : 'Lưu ý của tỉnh, thành phố'}: ${sentence(n.text.replace(/^\p{Lu}(?=\p{Ll})/u, (c) => c.toLowerCase()))}`);
}

/**
 * The fee in an overview that does not fit on one screen: its first sentence, the rest behind the
 * "Lệ phí" button the overview offers ("Theo Thông tư 75/2022/TT-BTC. Thường trú 20.000 đồng …").
 */
function shortFee(fee: string): string {
  const sentences = fee.split(/(?<=\.)\s+(?=\p{Lu})/u);
  return sentences.length > 1 ? `${sentence(sentences[0]!)} Chi tiết ở mục Lệ phí.` : sentence(fee);
}

/**
 * The lines that answer one facet (or the overview), facts only, conditions kept. `compact`: an
 * overview too long for one screen keeps every document and its condition, and says that fees have
 * exemptions and details, which the "Lệ phí" button gives in full.
 */
function facetLines(f: PublicFacts, facet: Facet, compact = false): string[] {
  const name = inSentence(f.name);
  switch (facet) {
    case 'documents':
      return [`Dạ, để làm thủ tục ${name}, ông/bà chuẩn bị:`, ...f.documents.map(documentLine)];
    case 'time':
      return [`Dạ, thời gian giải quyết thủ tục ${name}: ${sentence(f.time)}`, ...citedLines(f, 'time')];
    case 'fee':
      return [`Dạ, lệ phí ${name}: ${sentence(f.fee)}`, ...(f.feeExemptions ? [`Miễn, giảm: ${sentence(f.feeExemptions)}`] : []), ...citedLines(f, 'fee')];
    case 'where':
      return [`Dạ, thủ tục ${name} nộp tại: ${sentence(f.where)}`, `${f.desk.name}: ${sentence(f.desk.location)}`];
    case 'online':
      return [`Dạ, về nộp trực tuyến thủ tục ${name}: ${sentence(f.online)}`];
    case 'steps':
      return [`Dạ, các bước làm thủ tục ${name}:`, ...f.steps.map((s, i) => `${i + 1}. ${sentence(s)}`)];
    case 'overview':
      return [
        `Dạ, thủ tục ${f.name}:`,
        `• Giấy tờ: ${f.documents.map(compactDocument).join('; ')}.`,
        `• Thời gian: ${sentence(f.time)}`,
        `• Lệ phí: ${compact ? shortFee(f.fee) : sentence(f.fee)}`,
        ...(f.feeExemptions ? [compact ? '• Miễn, giảm: có trường hợp được miễn, giảm (xem mục Lệ phí).' : `• Miễn, giảm: ${sentence(f.feeExemptions)}`] : []),
        ...noteLines(f),
      ];
  }
}

/** The one plain line about what may differ locally, when it concerns what was asked. */
function cautionFor(f: PublicFacts, facet: Facet): string[] {
  if (!f.caution) return [];
  return f.uncertain.some((t) => UNCERTAIN_FOR[facet].includes(t)) ? [f.caution] : [];
}

/**
 * The answer about one procedure for a phone: the facet asked first ("Lệ phí đăng ký kết hôn:
 * miễn…"), or a short overview; conditions and exemptions always with it; one plain line about
 * what may differ locally; then buttons for the other facets and the full page. No online button
 * where the procedure cannot be done online.
 */
export function procedureReply(f: PublicFacts, facet: Facet | undefined, labels: Facets['facets']): Reply {
  const asked: Facet = facet ?? 'overview';
  const full = [...facetLines(f, asked), ...cautionFor(f, asked)].join('\n');
  const text = asked === 'overview' && full.length > ONE_SCREEN_CHARS ? [...facetLines(f, asked, true), ...cautionFor(f, asked)].join('\n') : full;
  const facetButtons = BUTTON_ORDER.filter((x) => x !== asked && (x !== 'online' || f.canSubmitOnline))
    .slice(0, asked === 'overview' ? 2 : 3)
    .map((x): ReplyButton => ({ kind: 'query', title: labels[x].label, payload: `${FACET_PAYLOAD} ${f.id} ${x}` }));
  const buttons: ReplyButton[] = [
    ...facetButtons,
    ...(f.canSubmitOnline && asked !== 'documents' ? [{ kind: 'url' as const, title: 'Nộp trực tuyến', url: f.portalUrl }] : []),
    { kind: 'url', title: 'Xem đầy đủ', url: f.url },
    { kind: 'phone', title: 'Gọi hỗ trợ', phone: dialable(f.hotline.number) },
  ];
  return { text, buttons: buttons.slice(-5) };
}
