import { ZALO_LIMITS } from './messages.js';

/**
 * Helpers for text that may exceed Zalo's limits. The builders in messages.ts refuse over-long
 * input; these let callers choose how to make it fit. Both normalise to NFC and count UTF-16 code
 * units, like the builders.
 */

/**
 * Split text into chunks of at most `limit` characters, preferring (in order) paragraph breaks,
 * line breaks, sentence ends, then spaces; a single word longer than the limit is cut hard.
 * A break is only used if it keeps the chunk at least half full, so we never send a stub message.
 */
export function splitText(text: string, limit: number = ZALO_LIMITS.textChars): string[] {
  if (limit < 2) throw new RangeError('zalo: splitText limit must be at least 2');
  const chunks: string[] = [];
  let rest = text.normalize('NFC').trim();
  while (rest.length > limit) {
    const cut = findCut(rest, limit);
    const chunk = rest.slice(0, cut).trimEnd();
    if (chunk !== '') chunks.push(chunk);
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== '') chunks.push(rest);
  return chunks;
}

/**
 * Shorten text to at most `max` characters at a word boundary, ending with `ellipsis`.
 * Meant for labels (button titles), never for answers: use splitText for those.
 */
export function truncateAtWord(text: string, max: number, ellipsis = '…'): string {
  const normalised = text.normalize('NFC').trim();
  if (normalised.length <= max) return normalised;
  if (max <= ellipsis.length) return hardCut(normalised, max);
  const room = max - ellipsis.length;
  const window = normalised.slice(0, room + 1);
  const space = window.search(/\s\S*$/);
  const cut = space >= Math.floor(room / 2) ? space : room;
  return hardCut(normalised, cut).trimEnd() + ellipsis;
}

function findCut(text: string, limit: number): number {
  const window = text.slice(0, limit + 1); // a break right after the limit is fine too
  const minimum = Math.floor(limit / 2);
  const candidates: Array<[RegExp, number]> = [
    [/\n\s*\n/g, 0], // paragraph: cut before the blank line
    [/\n/g, 0],
    [/[.!?…;:](?=\s)/g, 1], // sentence end: keep the punctuation
    [/\s/g, 0],
  ];
  for (const [pattern, keep] of candidates) {
    let best = -1;
    for (const match of window.matchAll(pattern)) {
      const at = match.index + keep;
      if (at <= limit && at >= minimum) best = at;
    }
    if (best > 0) return best;
  }
  return safeCut(text, limit);
}

function hardCut(text: string, max: number): string {
  return text.slice(0, safeCut(text, max));
}

/** Do not split a surrogate pair (emoji) in two. */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}
