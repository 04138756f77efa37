import { parseOutboundMessage } from './messages.js';

/** A Zalo message as plain text with its buttons in brackets, for the terminal. */
export function renderZaloMessage(raw: unknown): string {
  const m = parseOutboundMessage(raw);
  if (!('text' in m)) return `[Yêu cầu chia sẻ thông tin] ${m.attachment.payload.elements[0].title}`;
  if (!('attachment' in m)) return m.text;
  const buttons = m.attachment.payload.buttons.map((b) => {
    if (b.type === 'oa.open.url') return `[${b.title}] → ${b.payload.url}`;
    if (b.type === 'oa.open.phone') return `[${b.title}] → gọi ${b.payload.phone_code}`;
    return `[${b.title}]`;
  });
  return `${m.text}\n${buttons.join('\n')}`;
}
