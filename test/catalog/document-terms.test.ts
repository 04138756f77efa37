import { describe, expect, it } from 'vitest';
import { mentionsDocumentOf } from '../../src/catalog/document-terms.js';
import { bundledCatalog, makeProcedure } from '../helpers/catalog.js';

describe('the words of a procedure’s own papers', () => {
  it('are its rare runs of three syllables and its acronyms, not what every procedure asks for', () => {
    const procedures = [
      makeProcedure({ id: 'a', name: 'A', documents: [{ name: 'Giấy tờ tùy thân' }, { name: 'Văn bản thỏa thuận chọn quốc tịch', note: 'Kèm giám định ADN' }] }),
      makeProcedure({ id: 'b', name: 'B', documents: [{ name: 'Giấy tờ tùy thân' }] }),
      makeProcedure({ id: 'c', name: 'C', documents: [{ name: 'Giấy tờ tùy thân' }] }),
      makeProcedure({ id: 'd', name: 'D', documents: [{ name: 'Giấy tờ tùy thân' }] }),
    ];
    expect(mentionsDocumentOf(procedures, 'a', 'có phải làm văn bản thỏa thuận không')).toBe(true);
    expect(mentionsDocumentOf(procedures, 'a', 'co can xet nghiem ADN ko')).toBe(true);
    expect(mentionsDocumentOf(procedures, 'a', 'co can xet nghiem adn ko')).toBe(true);
    // In the papers of all four: it tells nothing.
    expect(mentionsDocumentOf(procedures, 'a', 'giấy tờ tùy thân là gì')).toBe(false);
    expect(mentionsDocumentOf(procedures, 'b', 'văn bản thỏa thuận')).toBe(false);
  });

  it('find the evidence of parenthood in the bundled catalog, and not an office', () => {
    const { procedures } = bundledCatalog().current.content;
    expect(mentionsDocumentOf(procedures, 'dang-ky-nhan-cha-me-con', 'có bắt buộc xét nghiệm ADN không')).toBe(true);
    expect(mentionsDocumentOf(procedures, 'dang-ky-thuong-tru-tam-tru', 'công an xã có làm thứ 7 không')).toBe(false);
  });
});
