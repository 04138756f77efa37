/**
 * The one place where catalog facts are cleaned for print. Content keeps editors' notes about
 * sources and other provinces beside the facts ("(ví dụ Hải Phòng 8.000 đồng)", "Chưa xác nhận
 * trong nguồn; hỏi …"); those help staff check the catalog but must never reach a leaflet on a
 * notice board, where a resident would take another province's figure for this commune's.
 */

/** Clauses that talk about the sources or about another province, not about the procedure. */
const INTERNAL = [
  /(^|[^\p{L}])nguồn(?!\p{L})/iu, // "trong nguồn", "nguồn thứ cấp", "theo nguồn tham khảo"
  /tham khảo/iu,
  /chưa (được )?xác nhận/iu,
  /(chưa|cần)( được)? đối chiếu/iu,
  /thứ cấp/iu,
  /hải phòng/iu,
  // "ví dụ Hải Phòng", "ví dụ: Hà Nội": an example taken from a named place (two capitalised words).
  /ví dụ:? (tại |ở )?\p{Lu}\p{Ll}*( \p{Lu}\p{Ll}*)+/u,
  /chỉ là ví dụ/iu,
];

export function isInternalNote(text: string): boolean {
  return INTERNAL.some((re) => re.test(text));
}

/** Removes "( … )" asides that are internal notes; keeps the others ("(bản chính)", "(thường trú)"). */
function dropInternalAsides(text: string): string {
  let out = text;
  // Innermost first, so a nested aside is judged on its own.
  for (let guard = 0; guard < 10; guard++) {
    const next = out.replace(/\s*\(([^()]*)\)/g, (whole, inner: string) => (isInternalNote(inner) ? '' : whole));
    if (next === out) break;
    out = next;
  }
  return out;
}

const SENTENCE_BREAK = /(?<=[.!?])\s+(?=[\p{Lu}\d])/u;

/** "hỏi Bộ phận Một cửa" → "ông/bà hỏi Bộ phận Một cửa": a leaflet speaks to the resident. */
function politeAsk(clause: string): string {
  return /^(hỏi|xin hỏi|hãy hỏi|kiểm tra|xem)(?!\p{L})/iu.test(clause) ? `ông/bà ${clause.replace(/^(xin |hãy )/iu, '').replace(/^\p{Lu}/u, (c) => c.toLowerCase())}` : clause;
}

function capitalise(text: string): string {
  return text.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}

/**
 * A catalog fact as a resident may read it on paper: internal asides and clauses removed, the
 * rest kept word for word. `undefined` when nothing public is left (the caller then says plainly
 * whom to ask). A clause that only tells the reader to ask someone gains "để biết cụ thể" when
 * the clause that said what to ask about was internal.
 */
export function publicFact(text: string | undefined | null): string | undefined {
  if (!text) return undefined;
  const sentences = dropInternalAsides(text.normalize('NFC'))
    .split(SENTENCE_BREAK)
    .map((sentence) => {
      const clauses = sentence.replace(/[.]\s*$/, '').split(/\s*;\s*/);
      const kept = clauses.filter((c) => c.trim() && !isInternalNote(c));
      const droppedSome = kept.length < clauses.length;
      return kept
        .map((c) => {
          const polite = politeAsk(c.trim());
          const asksOnly = /^ông\/bà (hỏi|kiểm tra|xem)(?!\p{L})/u.test(polite);
          return droppedSome && asksOnly && !/(?<!\p{L})(khi|trước|để|về|xem mình)(?!\p{L})/u.test(polite) ? `${polite} để biết cụ thể` : polite;
        })
        .join('; ');
    })
    .map((s) => s.trim())
    .filter(Boolean)
    .map(capitalise);
  const out = sentences.join('. ').replace(/\s+/g, ' ').trim();
  return out || undefined;
}

/** Where to submit, without online claims: the online section alone says whether that is possible. */
export function whereFact(text: string | undefined | null): string | undefined {
  const fact = publicFact(text);
  if (!fact) return undefined;
  const sentences = fact
    .split(SENTENCE_BREAK)
    .map((s) =>
      s
        .replace(/[.]\s*$/, '')
        .split(/\s*;\s*/)
        .map((c) => c.replace(/,? hoặc (nộp )?trực tuyến/giu, ''))
        .filter((c) => !/trực tuyến/iu.test(c))
        .join('; '),
    )
    .map((s) => s.trim())
    .filter(Boolean)
    .map(capitalise);
  return sentences.join('. ') || undefined;
}

/** What the `unconfirmed` list is about, in the words of the one plain line the leaflet prints. */
export type UncertainTopic = 'fee' | 'time' | 'where' | 'documents' | 'other';

export function uncertainTopics(unconfirmed: string[]): UncertainTopic[] {
  const topics = new Set<UncertainTopic>();
  for (const item of unconfirmed) {
    // Online levels have their own plain sentence on every leaflet; they add nothing here.
    if (/trực tuyến/iu.test(item) && !/lệ phí|thời hạn|giấy tờ/iu.test(item)) continue;
    // The code and official name are for staff checking the portal; the QR page carries them.
    if (/^(mã thủ tục|tên đầy đủ)/iu.test(item)) continue;
    if (/lệ phí|mức phí|phí thẩm định|mức thu|thuế|tiền sử dụng đất/iu.test(item)) topics.add('fee');
    else if (/thời hạn|thời gian/iu.test(item)) topics.add('time');
    else if (/nơi nộp|nộp ở|địa giới|xã bất kỳ|xã có thẩm quyền|nhận hồ sơ/iu.test(item)) topics.add('where');
    else if (/giấy tờ|tờ khai|mẫu đơn|hồ sơ/iu.test(item)) topics.add('documents');
    else topics.add('other');
  }
  return (['fee', 'time', 'where', 'documents', 'other'] as const).filter((t) => topics.has(t));
}

const TOPIC_WORDS: Record<Exclude<UncertainTopic, 'other'>, string> = {
  fee: 'mức lệ phí',
  time: 'thời hạn giải quyết',
  where: 'nơi nhận hồ sơ',
  documents: 'giấy tờ cần nộp',
};

/**
 * The single plain line a leaflet prints for the catalog's `unconfirmed` list, or undefined when
 * nothing uncertain concerns the resident. `call` is the hotline as printed ("0200 000 0000").
 */
export function uncertaintyLine(o: { unconfirmed: string[]; fee: string; call: string }): string | undefined {
  const topics = uncertainTopics(o.unconfirmed);
  if (topics.length === 0) return undefined;
  if (topics.length === 1 && topics[0] === 'fee' && /tỉnh/iu.test(o.fee)) {
    return `Lệ phí do tỉnh quy định, ông/bà gọi ${o.call} để biết chính xác.`;
  }
  const named = topics.filter((t): t is Exclude<UncertainTopic, 'other'> => t !== 'other').map((t) => TOPIC_WORDS[t]);
  const subject = named.length === 0 ? 'Một số thông tin' : capitalise(named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} và ${named.at(-1)}`);
  return `${subject} có thể khác theo quy định của địa phương, ông/bà gọi ${o.call} để biết chính xác.`;
}

/**
 * Guidance markdown as residents may read it: sentences that are internal notes are dropped,
 * paragraph by paragraph; everything else (bold, lists) is kept as written.
 */
export function publicMarkdown(markdown: string): string {
  return markdown
    .normalize('NFC')
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) =>
          line
            .split(SENTENCE_BREAK)
            .filter((sentence) => !isInternalNote(sentence.replace(/\*\*/g, '')))
            .join(' ')
            .trim(),
        )
        .filter((line) => line && !/^[-*]\s*$/.test(line))
        .join('\n'),
    )
    .filter(Boolean)
    .join('\n\n');
}
