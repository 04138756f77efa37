import { describe, expect, it } from 'vitest';
import { lifeEventIn } from '../../src/assistant/life-event-match.js';
import { bundledCatalog } from '../helpers/catalog.js';

const events = () => bundledCatalog().current.content.lifeEvents;

describe('life events told in a message', () => {
  it('reads a death told in many ways, with or without diacritics', () => {
    for (const m of ['bố tôi mất rồi, giấy tờ làm sao', 'me toi vua mat hom qua', 'làm giấy tờ cho bố mới mất', 'ông nội đã mất, nhà phải làm gì']) {
      expect(lifeEventIn(events(), m)?.id, m).toBe('nguoi-than-qua-doi');
    }
  });

  it('takes a lost paper for a lost paper, not for a death', () => {
    for (const m of ['giấy chứng tử của ông nội mất rồi', 'giay khai sinh cua toi mat roi', 'xã báo sổ cũng mất rồi', 'em làm mất rồi, giấy khai sinh ấy', 'cái thẻ căn cước mất rồi']) {
      expect(lifeEventIn(events(), m), m).toBeUndefined();
    }
  });
});
