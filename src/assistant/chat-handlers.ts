import type { Catalog } from '../catalog/catalog.js';
import { recordQuestion, pseudonymize } from '../insights/questions.js';
import { subscribe, unsubscribe } from '../news/subscriptions.js';
import { cancelPendingForUser } from '../zalo/outbox-repo.js';
import { textWithButtons } from '../zalo/messages.js';
import type { Assistant } from './assistant.js';
import { greetingAnswer, hotlineAnswer, hotlineButton, onlineGuideAnswer } from './answers.js';
import type { ChatHandler } from './conversation.js';
import type { Reply } from './reply.js';

/** Payloads of the menu buttons: they come back as ordinary text messages. */
export const MENU = {
  search: '#tra-cuu',
  online: '#dvc',
  hotline: '#hotline',
  feedback: '#phan-anh',
  news: '#tin-tuc',
} as const;

const RATE = /^#danh-gia ([01]) ([0-9a-f-]{36})$/;

export function welcomeReply(catalog: Catalog): Reply {
  const { commune } = catalog.current.content;
  return {
    text: [
      `Dạ, ${commune.name} cảm ơn ông/bà đã quan tâm!`,
      'Trợ lý hành chính giúp ông/bà tra cứu thủ tục, nộp hồ sơ trực tuyến, gọi đường dây nóng và gửi phản ánh.',
      'Ông/bà chọn một mục bên dưới, hoặc nhắn câu hỏi, ví dụ: "làm giấy khai sinh cần gì".',
    ].join('\n'),
    buttons: [
      { kind: 'query', title: 'Tra cứu thủ tục', payload: MENU.search },
      { kind: 'query', title: 'Dịch vụ công trực tuyến', payload: MENU.online },
      { kind: 'query', title: 'Đường dây nóng', payload: MENU.hotline },
      { kind: 'query', title: 'Gửi phản ánh', payload: MENU.feedback },
      { kind: 'query', title: 'Tin cải cách', payload: MENU.news },
    ],
  };
}

/** follow → welcome and the default news topics; unfollow → stop every send to that user. */
export function followHandler(deps: { catalog: Catalog }): ChatHandler {
  return async (ctx, next) => {
    if (ctx.event.kind === 'follow') {
      const topics = deps.catalog.current.content.commune.news_topics.filter((t) => t.default).map((t) => t.id);
      await subscribe(ctx.tx, ctx.userId, topics, ctx.now);
      ctx.reply(welcomeReply(deps.catalog));
      return;
    }
    if (ctx.event.kind === 'unfollow') {
      await unsubscribe(ctx.tx, ctx.userId, ctx.now);
      await cancelPendingForUser(ctx.tx, ctx.userId);
      return;
    }
    await next();
  };
}

/** The menu buttons and the answer-rating buttons. */
export function menuHandler(deps: { catalog: Catalog; assistant: Assistant }): ChatHandler {
  return async (ctx, next) => {
    if (ctx.event.kind !== 'text') return next();
    const text = ctx.event.text.trim();
    const { commune } = deps.catalog.current.content;
    const rating = RATE.exec(text);
    if (rating) {
      await ctx.tx
        .insertInto('answer_ratings')
        .values({ question_id: rating[2]!, procedure_id: ctx.state.lastProcedureId ?? null, helpful: Number(rating[1]), created_at: ctx.now.toISOString() })
        .onConflict((oc) => oc.column('question_id').doNothing())
        .execute();
      ctx.reply({
        text: rating[1] === '1' ? 'Dạ, cảm ơn ông/bà đã đánh giá!' : 'Dạ, cảm ơn ông/bà. Xã sẽ bổ sung thông tin. Ông/bà có thể gọi đường dây nóng để được hướng dẫn ngay.',
        buttons: rating[1] === '1' ? [] : [hotlineButton(commune)],
      });
      return;
    }
    switch (text) {
      case MENU.search:
        ctx.reply({ text: 'Dạ, ông/bà nhắn tên thủ tục hoặc việc cần làm, ví dụ: "đăng ký kết hôn", "mất sổ đỏ", "mở quán".', buttons: [] });
        return;
      case MENU.online:
        ctx.reply(onlineGuideAnswer(commune));
        return;
      case MENU.hotline:
        ctx.reply(hotlineAnswer(commune));
        return;
      default:
        return next();
    }
  };
}

/**
 * Any other text goes to the assistant. The question is recorded (pseudonymous user), and a
 * procedure answer is followed by the "was this helpful?" buttons.
 */
export function assistantHandler(deps: { assistant: Assistant; catalog: Catalog; pseudonymKey: string }): ChatHandler {
  return async (ctx, next) => {
    if (ctx.event.kind !== 'text') return next();
    const turn = await deps.assistant.respond(ctx.event.text, { db: ctx.tx, understanding: ctx.understanding() });
    const questionId = await recordQuestion(ctx.tx, {
      channel: 'zalo',
      userRef: pseudonymize(deps.pseudonymKey, 'zalo', ctx.userId),
      text: ctx.event.text,
      understanding: turn.understanding,
      at: ctx.now,
    });
    const intent = turn.understanding.intent;
    if (intent === 'subscribe') {
      const topics = deps.catalog.current.content.commune.news_topics.filter((t) => t.default).map((t) => t.id);
      await subscribe(ctx.tx, ctx.userId, topics, ctx.now);
    }
    if (intent === 'unsubscribe') await unsubscribe(ctx.tx, ctx.userId, ctx.now);
    ctx.reply(turn.reply);
    if (turn.procedureId) {
      ctx.state.lastProcedureId = turn.procedureId;
      ctx.send(
        textWithButtons('Thông tin này có hữu ích không ạ?', [
          { kind: 'query', title: 'Có, hữu ích', payload: `#danh-gia 1 ${questionId}` },
          { kind: 'query', title: 'Chưa hữu ích', payload: `#danh-gia 0 ${questionId}` },
        ]),
      );
    }
  };
}

/** Images, stickers, files, locations, links: say politely what the assistant can read. */
export function nonTextHandler(deps: { catalog: Catalog }): ChatHandler {
  return async (ctx, next) => {
    const kind = ctx.event.kind;
    if (kind === 'image' || kind === 'sticker' || kind === 'file' || kind === 'location' || kind === 'link') {
      if (kind === 'sticker') {
        ctx.reply(greetingAnswer(deps.catalog.current.content.commune));
        return;
      }
      ctx.reply({
        text: [
          'Dạ, trợ lý hiện chỉ đọc được tin nhắn chữ, chưa xem được hình ảnh, tệp, vị trí hay đường link.',
          'Ông/bà vui lòng nhắn câu hỏi bằng chữ, hoặc gọi đường dây nóng để được hỗ trợ.',
        ].join('\n'),
        buttons: [hotlineButton(deps.catalog.current.content.commune)],
      });
      return;
    }
    await next();
  };
}
