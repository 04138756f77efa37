import type { Catalog } from '../catalog/catalog.js';
import { phoneLabel } from '../catalog/labels.js';
import { assistantHandler } from '../assistant/chat-handler.js';
import type { Assistant } from '../assistant/assistant.js';
import { hotlineButton } from '../assistant/answers.js';
import type { Reply } from '../assistant/reply.js';
import { answerRatingHandler } from '../insights/rating-handler.js';
import { followUpHandler } from '../insights/followups.js';
import { subscriptionHandler } from '../news/chat-handler.js';
import type { ChatHandler } from './context.js';
import { createConversation } from './conversation.js';
import { followHandler, menuHandler, nonTextHandler } from './lifecycle.js';
import { typedRepliesHandler } from './typed-replies.js';
import { oldCommuneHandler } from './old-commune.js';

export interface ChatCapabilities {
  /** News: digests for residents outside the window (runs on every event first). */
  newsDigest: ChatHandler;
  /** Petitions: drafts, status look-ups, the start of a petition from a complaint. */
  petitions: ChatHandler;
  /**
   * Around every event, like the news digest: handlers that act after the answer (remember what
   * was asked, tell what changed since). Optional: the `ask` command runs without them.
   */
  around?: ChatHandler[];
  /** Guided flows started by a button or a phrase (quiz, survey), just before the petitions. */
  flows?: ChatHandler[];
}

/**
 * The conversation as Zalo and the `ask --dialogue` command both run it: one chain of handlers,
 * each capability bringing its own. The order matters: a draft in progress reads its messages
 * before anything else answers them, typed replies to the assistant's own prompts before they are
 * understood as new questions, and the answer engine last.
 */
export function createChat(o: { catalog: Catalog; assistant: Assistant; pseudonymKey: string; capabilities: ChatCapabilities }) {
  const { catalog, assistant } = o;
  return createConversation(
    [
      o.capabilities.newsDigest,
      ...(o.capabilities.around ?? []),
      followHandler({ catalog }),
      typedRepliesHandler({ catalog }),
      answerRatingHandler({ catalog }),
      followUpHandler({ catalog }),
      ...(o.capabilities.flows ?? []),
      o.capabilities.petitions,
      nonTextHandler({ catalog }),
      menuHandler({ catalog }),
      oldCommuneHandler({ catalog }),
      subscriptionHandler({ catalog }),
      assistantHandler({ assistant, catalog, pseudonymKey: o.pseudonymKey }),
    ],
    { understand: assistant.understand },
  );
}

/** What a resident reads when their message could not be handled: an apology and whom to call. */
export function apologyReply(catalog: Catalog): Reply {
  const { commune } = catalog.current.content;
  const hotline = commune.hotlines[0]!;
  return {
    text: `Dạ, xin lỗi ông/bà, trợ lý gặp trục trặc nên chưa trả lời được tin nhắn vừa rồi. Ông/bà vui lòng nhắn lại sau ít phút, hoặc gọi ${hotline.label}: ${phoneLabel(hotline)}.`,
    buttons: [hotlineButton(commune)],
  };
}
