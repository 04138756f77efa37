import type { Catalog } from '../catalog/catalog.js';
import { subscribe, unsubscribe } from '../news/subscriptions.js';
import { cancelPendingForUser } from '../zalo/outbox-repo.js';
import { greetingAnswer, hotlineAnswer, hotlineButton, onlineGuideAnswer } from '../assistant/answers.js';
import type { Reply } from '../assistant/reply.js';
import type { ChatHandler } from './context.js';

/** Payloads of the menu buttons: they come back as ordinary text messages. */
export const MENU = {
  search: '#tra-cuu',
  online: '#dvc',
  hotline: '#hotline',
  feedback: '#phan-anh',
  news: '#tin-tuc',
} as const;

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

/** The menu's own buttons. */
export function menuHandler(deps: { catalog: Catalog }): ChatHandler {
  return async (ctx, next) => {
    if (ctx.event.kind !== 'text') return next();
    const { commune } = deps.catalog.current.content;
    switch (ctx.event.text.trim()) {
      case MENU.search:
        ctx.reply({ text: 'Dạ, ông/bà nhắn tên thủ tục hoặc việc cần làm, ví dụ: "đăng ký kết hôn", "mất sổ đỏ", "mở quán".', buttons: [] });
        return;
      case MENU.online:
        ctx.reply(onlineGuideAnswer(commune));
        ctx.outcome = { intent: 'online_guide', results: [], facet: null };
        return;
      case MENU.hotline:
        ctx.reply(hotlineAnswer(commune));
        ctx.outcome = { intent: 'hotline', results: [], facet: null };
        return;
      default:
        return next();
    }
  };
}

/**
 * Messages that are not text (images, stickers, files, locations, links, voice, video, GIFs,
 * contact cards) when no flow wants them: say politely what the assistant can read.
 */
export function nonTextHandler(deps: { catalog: Catalog }): ChatHandler {
  return async (ctx, next) => {
    const kind = ctx.event.kind;
    if (kind === 'text' || kind === 'follow' || kind === 'unfollow' || kind === 'submit_info' || kind === 'other' || kind === 'oa_echo') return next();
    const { commune } = deps.catalog.current.content;
    if (kind === 'sticker') {
      ctx.reply(greetingAnswer(commune));
      return;
    }
    ctx.reply({
      text: [
        'Dạ, trợ lý hiện chỉ đọc được tin nhắn chữ, chưa nghe hay xem được hình ảnh, tệp, ghi âm, video hay đường link.',
        'Ông/bà vui lòng nhắn câu hỏi bằng chữ, hoặc gọi đường dây nóng để được hỗ trợ.',
      ].join('\n'),
      buttons: [hotlineButton(commune)],
    });
  };
}
