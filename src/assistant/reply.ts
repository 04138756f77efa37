/** A channel-neutral reply: Zalo, the Mini App and the `ask` command each render it their way. */
export type ReplyButton =
  | { kind: 'url'; title: string; url: string }
  | { kind: 'query'; title: string; payload: string }
  | { kind: 'phone'; title: string; phone: string };

export interface Reply {
  text: string;
  buttons: ReplyButton[];
}

/** Zalo's limit for one text message. */
export const MAX_REPLY_CHARS = 2000;

/**
 * Joins blocks of text, dropping whole trailing blocks (never cutting mid-line) until the result
 * fits, then appends `tail` (e.g. "xem đầy đủ tại …") when anything was dropped.
 */
export function fitBlocks(blocks: string[], tail: string, max = MAX_REPLY_CHARS): string {
  const full = blocks.join('\n');
  if (full.length <= max) return full;
  const kept = [...blocks];
  while (kept.length > 1 && [...kept, tail].join('\n').length > max) kept.pop();
  const text = [...kept, tail].join('\n');
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}
