import type { Reply } from './reply.js';

/** A reply as plain text, buttons shown as bracketed labels: for the terminal and logs of tests. */
export function renderReplyAsText(reply: Reply): string {
  const buttons = reply.buttons.map((b) => {
    const target = b.kind === 'url' ? b.url : b.kind === 'phone' ? `gọi ${b.phone}` : `gửi "${b.payload}"`;
    return `[${b.title}] → ${target}`;
  });
  return buttons.length ? `${reply.text}\n\n${buttons.join('\n')}` : reply.text;
}
