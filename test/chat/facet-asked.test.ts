import { describe, expect, it } from 'vitest';
import { facetAsked } from '../../src/chat/phrases.js';
import { bundledCatalog } from '../helpers/catalog.js';

describe('the facet a message asks about', () => {
  const { content, understanding } = bundledCatalog().current;
  const facet = (text: string) => facetAsked(content.facets, understanding.prepare, text);

  it('reads the words the resident typed before the written-out view of them', () => {
    // "tiền mai táng" is written out as a cost: the question typed is about time, then papers.
    expect(facet('mấy hôm thì nhận được tiền mai táng')).toBe('time');
    expect(facet('tiền hỗ trợ mai táng phải nộp đơn gì')).toBe('documents');
    expect(facet('lệ phí bao nhiêu')).toBe('fee');
  });

  it('still understands short forms through the written-out view', () => {
    expect(facet('bn ngay')).toBe('time');
    expect(facet('dang ky ket hon')).toBeUndefined();
  });
});
