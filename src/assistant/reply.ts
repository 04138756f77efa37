import { TEXT_MAX_CHARS } from '../messaging/rules.js';

/**
 * A channel-neutral reply: Zalo, the Mini App and the `ask` command each render it their way (for
 * Zalo: src/zalo/render-reply.ts, the only place that builds Zalo messages from replies).
 */
export type ReplyButton =
  | { kind: 'url'; title: string; url: string }
  /**
   * Comes back as if the resident had typed `payload`. Internal payloads (starting with "#") are
   * never shown to the resident: the title is what they read.
   */
  | { kind: 'query'; title: string; payload: string }
  | { kind: 'phone'; title: string; phone: string };

export interface Reply {
  text: string;
  buttons: ReplyButton[];
  /** Ask the resident to share name, phone and address through the channel's own form (Zalo's card). */
  contactRequest?: { title: string; subtitle: string; imageUrl: string };
}

/** Zalo's limit for one text message (its home is the messaging rules). */
export const MAX_REPLY_CHARS = TEXT_MAX_CHARS;

/** Whether a query payload is internal (a code the resident should never see as their own message). */
export function isInternalPayload(payload: string): boolean {
  return payload.startsWith('#');
}

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
