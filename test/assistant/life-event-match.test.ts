import { describe, expect, it } from 'vitest';
import { conditionalStepTold, lifeEventIn } from '../../src/assistant/life-event-match.js';
import { bundledCatalog } from '../helpers/catalog.js';

const events = () => bundledCatalog().current.content.lifeEvents;

describe('life events told in a message', () => {
  it('reads a death told in many ways, with or without diacritics', () => {
    for (const m of ['bố tôi mất rồi, giấy tờ làm sao', 'mà con dâu tôi mất rồi', 'còn bố tôi mất rồi thì sao', 'me toi vua mat hom qua', 'làm giấy tờ cho bố mới mất', 'ông nội đã mất, nhà phải làm gì', 'bà nội em mất sáng nay rồi ạ', 'ong toi mat dem qua']) {
      expect(lifeEventIn(events(), m)?.id, m).toBe('nguoi-than-qua-doi');
    }
  });

  it('takes a lost paper for a lost paper, not for a death', () => {
    for (const m of ['giấy chứng tử của ông nội mất rồi', 'giay khai sinh cua toi mat roi', 'xã báo sổ cũng mất rồi', 'em làm mất rồi, giấy khai sinh ấy', 'cái thẻ căn cước mất rồi', 'ban goc bi rach mat roi', 'bản gốc mất rồi', 'mà giấy chứng nhận cũ em để thất lạc đâu mất rồi', 'nhưng sổ hộ khẩu cũ mất rồi']) {
      expect(lifeEventIn(events(), m), m).toBeUndefined();
    }
  });

  it('respects the marks the resident typed: "chưa vợ để đi làm" is not "vợ đẻ"', () => {
    expect(lifeEventIn(events(), 'giấy xác nhận chưa vợ để đi làm hồ sơ kết hôn')).toBeUndefined();
    expect(lifeEventIn(events(), 'vợ em vừa đẻ hôm qua')?.id).toBe('sinh-con');
    // Without diacritics the folded reading is all there is.
    expect(lifeEventIn(events(), 'vo em vua de hom qua')?.id).toBe('sinh-con');
  });

  it('what a paper is wanted for is no event the resident lives through; "để lại" is not a purpose', () => {
    expect(lifeEventIn(events(), 'cần giấy chứng tử để chia đất mà nhà làm mất rồi')).toBeUndefined();
    expect(lifeEventIn(events(), 'mấy anh em muốn chia đất')?.id).toBe('mua-ban-thua-ke-dat');
    expect(lifeEventIn(events(), 'ông bà để lại mảnh đất mấy anh em muốn chia đất')?.id).toBe('mua-ban-thua-ke-dat');
    // The event told outside the purpose still counts.
    expect(lifeEventIn(events(), 'bà nội tôi vừa mất, cần giấy chứng tử để chia đất mà nhà làm mất rồi')?.id).toBe('nguoi-than-qua-doi');
  });

  it('finds the conditional step whose case is told, and only a clear one', () => {
    const death = events().find((e) => e.id === 'nguoi-than-qua-doi')!;
    expect(conditionalStepTold(death, 'bà tôi đang hưởng hưu trí xã hội vừa mất')).toBe('ho-tro-mai-tang-huu-tri-xa-hoi');
    expect(conditionalStepTold(death, 'ông là người có công đang hưởng trợ cấp ưu đãi, mới mất')).toBe('tro-cap-nguoi-co-cong-tu-tran');
    // "trợ cấp" alone fits three cases: not one to guess.
    expect(conditionalStepTold(death, 'mẹ tôi có trợ cấp, vừa mất')).toBeUndefined();
    expect(conditionalStepTold(death, 'bố tôi vừa mất')).toBeUndefined();
  });
});
