import { isInternalPayload, type Reply } from '../assistant/reply.js';
import { requestUserInfo, textMessage, textWithButtons, ZALO_LIMITS, type ButtonSpec, type OutboundMessage } from './messages.js';
import { splitText, truncateAtWord } from './text-split.js';

/**
 * A channel-neutral reply as Zalo messages: the contact card first when the reply asks for one,
 * then the text (split if ever longer than one message) with the buttons on the last part. Button
 * titles are shortened at a word if needed. Internal payloads go in `oa.query.hide`, so Zalo never
 * shows a code as the resident's own message; natural-language payloads stay visible.
 */
export function replyToZaloMessages(reply: Reply): OutboundMessage[] {
  const card = reply.contactRequest ? [requestUserInfo(reply.contactRequest)] : [];
  const parts = splitText(reply.text, ZALO_LIMITS.textChars);
  const buttons: ButtonSpec[] = reply.buttons.slice(0, ZALO_LIMITS.buttonsPerMessage).map((b) => {
    const title = truncateAtWord(b.title, ZALO_LIMITS.buttonTitleChars);
    return b.kind === 'query' ? { ...b, title, hidden: isInternalPayload(b.payload) } : { ...b, title };
  });
  return [...card, ...parts.map((part, i) => (i === parts.length - 1 && buttons.length > 0 ? textWithButtons(part, buttons) : textMessage(part)))];
}
