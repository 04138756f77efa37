import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/catalog/load-content.js';
import { BUNDLED_CONTENT_DIR } from '../../src/catalog/content-dir.js';
import { changedFacets, fingerprintOf, watchedFacts } from '../../src/alerts/fingerprint.js';
import { personalDataIn } from '../../src/petitions/anonymity.js';

const loaded = loadContent(BUNDLED_CONTENT_DIR);
if (!loaded.ok) throw new Error('bundled content does not load');
const { procedures, commune } = loaded.content;
const marriage = procedures.find((p) => p.id === 'dang-ky-ket-hon')!;

describe('procedure fingerprints', () => {
  it('change with documents, fee, time and online level, and only with them', () => {
    const base = watchedFacts(marriage);
    expect(fingerprintOf(watchedFacts({ ...marriage, body: `${marriage.body}\nThêm một câu hướng dẫn.`, legal_basis: ['Khác'] }))).toBe(fingerprintOf(base));
    const cases = [
      [{ fee: '50.000 đồng' }, ['fee']],
      [{ fee_exemptions: 'Miễn cho hộ nghèo' }, ['fee']],
      [{ time_limit: '3 ngày làm việc' }, ['time']],
      [{ online_level: 'toan_trinh' }, ['online']],
      [{ documents: [...marriage.documents, { name: 'Giấy xác nhận tình trạng hôn nhân' }] }, ['documents']],
      [{ documents: marriage.documents.map((d, i) => (i === 0 ? { ...d, note: 'Bản có chữ ký của hai bên' } : d)), fee: '0 đồng' }, ['documents', 'fee']],
    ] as const;
    for (const [patch, changed] of cases) {
      const after = watchedFacts({ ...marriage, ...(patch as object) });
      expect(fingerprintOf(after), JSON.stringify(patch)).not.toBe(fingerprintOf(base));
      expect(changedFacets(base, after)).toEqual(changed);
    }
  });
});

describe('the publish guard', () => {
  const sender = { contact_name: 'Trần Thị Hoa', contact_phone: '84912345678', contact_address: 'Số 12 ngõ 5, thôn Bắc' };
  const clean = { summary: 'Phản ánh đèn đường thôn Bắc không sáng.', answer: `Xã đã thay bóng đèn. Báo hỏng mới qua số ${commune.hotlines[0]!.number}.` };

  it('lets through the hamlet and the commune’s own hotline', () => {
    expect(personalDataIn(sender, clean, commune)).toEqual({});
    expect(personalDataIn({ contact_name: null, contact_phone: null, contact_address: null }, clean, commune)).toEqual({});
  });

  it('refuses the name in any case, the phone in any spelling, the house address and stray numbers', () => {
    const refused = [
      { summary: 'bà TRẦN THỊ HOA phản ánh' },
      { answer: 'Đã gọi 0912.345.678' },
      { answer: 'Đã gọi +84 912 345 678' },
      { summary: 'Đèn trước số 12 ngõ 5 hỏng' },
      { answer: 'Trưởng thôn (0987 654 321) đã kiểm tra' },
    ];
    for (const patch of refused) {
      const fields = personalDataIn(sender, { ...clean, ...patch }, commune);
      expect(Object.keys(fields), JSON.stringify(patch)).toEqual(Object.keys(patch));
    }
  });
});
