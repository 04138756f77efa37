import type { Commune } from '../catalog/schema.js';
import { VN_OFFSET_MS } from '../news/local-time.js';
import { DEFAULT_STYLE, ordinal, readInteger, readMonth, type NumberStyle } from './numbers.js';
import { countWords, markdownLines, shortSentences } from './sentences.js';
import { toSpoken } from './spoken-text.js';

/** Reading speed the scripts are timed at: a calm announcer on a loudspeaker, about 150 words a minute. */
export const WORDS_PER_MINUTE = 150;

/** An approved or published announcement, as the radio needs it. */
export interface RadioAnnouncement {
  id: string;
  title: string;
  summary: string;
  body: string;
  /** UTC instant, ISO; null while approved but not yet sent. */
  publishedAt: string | null;
  /** Public page of the article, for the editor's list of sources (never read aloud). */
  url?: string;
}

export interface RadioSection {
  /** For the announcer's eyes only: what this part is. */
  heading: string;
  /** What is read, one short sentence each, numbers in words. */
  sentences: string[];
}

export interface RadioScript {
  kind: 'bulletin' | 'column';
  /** Written title for the page, the PDF and the file name. */
  title: string;
  station: string;
  communeName: string;
  sections: RadioSection[];
  words: number;
  /** Estimated reading time at WORDS_PER_MINUTE. */
  seconds: number;
  wordsPerMinute: number;
  sources: Array<{ id: string; title: string; url?: string; publishedAt: string | null }>;
}

/** "UBND xã Ví Dụ" → "xã Ví Dụ": the commune without the word for its People's Committee. */
function place(communeName: string): string {
  return communeName.replace(/^(UBND|Ủy ban nhân dân)\s+/iu, '');
}

export function stationName(commune: Commune): string {
  return commune.radio?.station ?? `Đài truyền thanh ${place(commune.name)}`;
}

function hotlineSentence(commune: Commune, style: NumberStyle): string {
  const hotline = commune.hotlines[0]!;
  const example = hotline.example ? ' Đây là số ví dụ.' : '';
  return `Mọi thắc mắc, bà con xin liên hệ ${toSpoken(hotline.label, style)}, số điện thoại ${toSpoken(hotline.number, style)}.${example}`;
}

function opening(commune: Commune, announce: string, style: NumberStyle): RadioSection {
  const lines = commune.radio?.opening ?? [`Đây là ${stationName(commune)}.`, 'Kính thưa bà con nhân dân.'];
  return { heading: 'Lời mở đầu', sentences: [...lines.flatMap((l) => shortSentences(toSpoken(l, style))), ...shortSentences(announce)] };
}

function closing(commune: Commune, what: string, style: NumberStyle): RadioSection {
  const lines = commune.radio?.closing ?? [`${stationName(commune)} vừa phát ${what}.`, 'Cảm ơn bà con đã chú ý lắng nghe.'];
  return { heading: 'Lời kết', sentences: [...shortSentences(hotlineSentence(commune, style)), ...lines.flatMap((l) => shortSentences(toSpoken(l, style)))] };
}

/** The body of one announcement as short spoken sentences (the summary when the body is empty). */
function announcementSentences(a: RadioAnnouncement, style: NumberStyle): string[] {
  const lines = markdownLines(a.body.trim() ? a.body : a.summary);
  return lines.flatMap((line) => shortSentences(toSpoken(line, style)));
}

function timed(script: Omit<RadioScript, 'words' | 'seconds' | 'wordsPerMinute'>): RadioScript {
  const words = script.sections.reduce((n, s) => n + s.sentences.reduce((m, sentence) => m + countWords(sentence), 0), 0);
  return { ...script, words, seconds: Math.round((words * 60) / WORDS_PER_MINUTE), wordsPerMinute: WORDS_PER_MINUTE };
}

/** "khoảng 2 phút 15 giây": the estimated duration, for the staff page (not read aloud). */
export function durationText(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `khoảng ${m ? `${m} phút` : ''}${m && s ? ' ' : ''}${s || !m ? `${s} giây` : ''}`;
}

function source(a: RadioAnnouncement) {
  return { id: a.id, title: a.title, url: a.url, publishedAt: a.publishedAt };
}

/** The announcer's script for one approved announcement: opening, the news, the hotline, closing. */
export function radioBulletin(o: { commune: Commune; announcement: RadioAnnouncement; style?: NumberStyle }): RadioScript {
  const style = o.style ?? DEFAULT_STYLE;
  const a = o.announcement;
  return timed({
    kind: 'bulletin',
    title: `Bản tin phát thanh: ${a.title}`,
    station: stationName(o.commune),
    communeName: o.commune.name,
    sections: [
      opening(o.commune, `Sau đây là thông báo của ${toSpoken(o.commune.name, style)}.`, style),
      { heading: a.title, sentences: [...shortSentences(toSpoken(a.title, style)), ...announcementSentences(a, style)] },
      closing(o.commune, 'thông báo của ' + toSpoken(o.commune.name, style), style),
    ],
    sources: [source(a)],
  });
}

/** "2026-11" → the [start, end) UTC instants of that month in Vietnam time. */
export function monthRange(month: string): { from: Date; to: Date } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new Error(`radio: not a month: "${month}"`);
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  return { from: new Date(Date.UTC(year, index, 1) - VN_OFFSET_MS), to: new Date(Date.UTC(year, index + 1, 1) - VN_OFFSET_MS) };
}

function spokenMonth(month: string, style: NumberStyle): string {
  const [year, m] = month.split('-') as [string, string];
  return `${readMonth(Number(m))} năm ${readInteger(year, style)}`;
}

/**
 * The month's reform column (chuyên mục cải cách hành chính): every announcement published in that
 * month (Vietnam time), oldest first, each introduced as "Tin thứ nhất", "Tin thứ hai", …
 */
export function reformColumn(o: { commune: Commune; month: string; announcements: RadioAnnouncement[]; style?: NumberStyle }): RadioScript {
  const style = o.style ?? DEFAULT_STYLE;
  const { from, to } = monthRange(o.month);
  const items = o.announcements
    .filter((a) => a.publishedAt && new Date(a.publishedAt) >= from && new Date(a.publishedAt) < to)
    .sort((a, b) => a.publishedAt!.localeCompare(b.publishedAt!));
  const when = spokenMonth(o.month, style);
  const [year, m] = o.month.split('-');
  const count = items.length === 1 ? 'một tin' : `${readInteger(String(items.length), style)} tin`;
  return timed({
    kind: 'column',
    title: `Chuyên mục Cải cách hành chính tháng ${m}/${year}`,
    station: stationName(o.commune),
    communeName: o.commune.name,
    sections: [
      opening(o.commune, `Mời bà con cùng nghe chuyên mục Cải cách hành chính ${when}. Chuyên mục hôm nay có ${count}.`, style),
      ...items.map((a, i) => ({
        heading: `Tin ${ordinal(i + 1, style)}: ${a.title}`,
        sentences: [`Tin ${ordinal(i + 1, style)}.`, ...shortSentences(toSpoken(a.title, style)), ...announcementSentences(a, style)],
      })),
      closing(o.commune, `chuyên mục Cải cách hành chính ${when}`, style),
    ],
    sources: items.map(source),
  });
}
