import type { Commune } from '../catalog/schema.js';
import { petitionIntro } from '../petitions/texts.js';
import { hotlineButton } from './answers.js';
import type { Reply } from './reply.js';

/** First reply of the feedback intent; the chat flow (petitions) takes over from here. */
export function feedbackStartAnswer(commune: Commune): Reply {
  return {
    text: [
      ...petitionIntro(commune.leadership.title),
      'Ông/bà bấm "Gửi phản ánh" để bắt đầu; phản ánh được ghi nhận kèm mã để tra cứu.',
    ].join('\n'),
    buttons: [{ kind: 'query', title: 'Gửi phản ánh', payload: '#phan-anh' }, hotlineButton(commune)],
  };
}

export function statusPromptAnswer(commune: Commune): Reply {
  return {
    text: [
      'Dạ, để tra cứu phản ánh đã gửi qua trợ lý, ông/bà nhắn mã có dạng PA-2026-000123.',
      `Hồ sơ thủ tục hành chính nộp tại xã, ông/bà tra cứu theo mã hồ sơ tại: ${commune.province_portal.lookup_url}`,
    ].join('\n'),
    buttons: [{ kind: 'url', title: 'Tra cứu hồ sơ', url: commune.province_portal.lookup_url }, hotlineButton(commune)],
  };
}

export function subscribedAnswer(): Reply {
  return {
    text: 'Dạ, ông/bà đã đăng ký nhận tin cải cách hành chính của xã qua Zalo.\nMuốn dừng, ông/bà nhắn "hủy nhận tin".',
    buttons: [],
  };
}

/**
 * Asked to subscribe by someone who does not follow the OA (as far as Zalo told us): the choice is
 * kept, but the news only reaches followers, so say so instead of "đã đăng ký".
 */
export function subscribeNeedsFollowAnswer(): Reply {
  return {
    text: [
      'Dạ, xã đã ghi nhận ông/bà muốn nhận tin cải cách hành chính.',
      'Tin của xã chỉ gửi được tới người quan tâm Official Account: ông/bà vui lòng bấm "Quan tâm" trên trang OA của xã để bắt đầu nhận tin.',
    ].join('\n'),
    buttons: [],
  };
}

export function unsubscribedAnswer(): Reply {
  return {
    text: 'Dạ, xã đã dừng gửi tin cho ông/bà.\nMuốn nhận lại, ông/bà nhắn "đăng ký nhận tin".',
    buttons: [],
  };
}

/** The resident may want the news: ask, with a button that says it in words (and acts on it). */
export function subscribeQuestionAnswer(): Reply {
  return {
    text: 'Dạ, ông/bà muốn nhận tin cải cách hành chính của xã qua Zalo phải không ạ? Bấm "Đăng ký nhận tin" để bắt đầu nhận.',
    buttons: [{ kind: 'query', title: 'Đăng ký nhận tin', payload: 'đăng ký nhận tin' }],
  };
}

/** The resident may want to stop the news: ask, with a button that says it in words. */
export function unsubscribeQuestionAnswer(): Reply {
  return {
    text: 'Dạ, ông/bà muốn dừng nhận tin của xã phải không ạ? Bấm "Hủy nhận tin" để dừng.',
    buttons: [{ kind: 'query', title: 'Hủy nhận tin', payload: 'hủy nhận tin' }],
  };
}
