import type { Reply } from '../assistant/reply.js';
import { textMessage, textWithButtons, ZALO_LIMITS, type ButtonSpec, type OutboundMessage } from './messages.js';
import { splitText, truncateAtWord } from './text-split.js';

/**
 * A channel-neutral reply as Zalo messages: the text (split if ever longer than one message) with
 * the buttons on the last part. Button titles are shortened at a word if needed.
 */
export function replyToZaloMessages(reply: Reply): OutboundMessage[] {
  const parts = splitText(reply.text, ZALO_LIMITS.textChars);
  const buttons: ButtonSpec[] = reply.buttons.slice(0, ZALO_LIMITS.buttonsPerMessage).map((b) => ({
    ...b,
    title: truncateAtWord(b.title, ZALO_LIMITS.buttonTitleChars),
  }));
  return parts.map((part, i) =>
    i === parts.length - 1 && buttons.length > 0 ? textWithButtons(part, buttons) : textMessage(part),
  );
}
