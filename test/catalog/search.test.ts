import { describe, expect, it } from 'vitest';
import { createProcedureIndex } from '../../src/catalog/search-index.js';
import { bundledCatalog, makeProcedure } from '../helpers/catalog.js';

const noSynonyms = { groups: [{ official: 'x', colloquial: ['y'] }] };

function topIds(query: string, limit = 3): string[] {
  return bundledCatalog().current.index.search(query, { limit }).map((h) => h.id);
}

describe('procedure search on the bundled catalog', () => {
  it('finds a procedure by its official name, with or without marks', () => {
    expect(topIds('Đăng ký kết hôn')[0]).toBe('dang-ky-ket-hon');
    expect(topIds('dang ky ket hon')[0]).toBe('dang-ky-ket-hon');
    expect(topIds('DANG KI KET HON')[0]).toBe('dang-ky-ket-hon');
  });

  it('ranks the exact procedure above longer ones that contain its name', () => {
    expect(topIds('đăng ký khai tử')[0]).toBe('dang-ky-khai-tu');
    expect(topIds('đăng ký lại khai tử')[0]).toBe('dang-ky-lai-khai-tu');
    expect(topIds('đăng ký giám hộ')[0]).toBe('dang-ky-giam-ho');
    expect(topIds('chấm dứt giám hộ')[0]).toBe('dang-ky-cham-dut-giam-ho');
  });

  it('understands colloquial names through synonyms and aliases', () => {
    expect(topIds('làm mất sổ hồng')[0]).toBe('cap-lai-gcn-bi-mat');
    expect(topIds('xin giấy độc thân')[0]).toBe('xac-nhan-tinh-trang-hon-nhan');
    expect(topIds('muốn mở tiệm tạp hóa')[0]).toBe('dang-ky-ho-kinh-doanh');
    expect(topIds('lên thổ cư cho mảnh vườn')[0]).toBe('chuyen-muc-dich-su-dung-dat');
  });

  it('reads the abbreviations people type in chat', () => {
    expect(topIds('dk ket hon')[0]).toBe('dang-ky-ket-hon');
    expect(topIds('xin gpxd nhà 3 tầng')[0]).toBe('giay-phep-xay-dung-nha-o');
    expect(topIds('hkd tạm nghỉ')[0]).toBe('tam-ngung-ho-kinh-doanh');
  });

  it('forgives typos in longer words', () => {
    expect(topIds('dang ky kinh doan ho ca the')[0]).toBe('dang-ky-ho-kinh-doanh');
    expect(topIds('chung thuc hop dongg mua ban')[0]).toBe('chung-thuc-hop-dong-giao-dich');
  });

  it('finds a procedure by its national code', () => {
    expect(topIds('thủ tục 1.000894')[0]).toBe('dang-ky-ket-hon');
  });

  it('completes the last word when searching as you type', () => {
    const hits = bundledCatalog().current.index.search('ket ho', { prefix: true, limit: 3 });
    expect(hits.map((h) => h.id)).toContain('dang-ky-ket-hon');
  });

  it('filters by field', () => {
    const hits = bundledCatalog().current.index.search('đăng ký', { field: 'kinh_doanh', limit: 20 });
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(bundledCatalog().current.index.get(h.id)?.field).toBe('kinh_doanh');
  });

  it('marks a match on the name as strong and a match on body text only as weak', () => {
    const [named] = bundledCatalog().current.index.search('tách thửa đất');
    expect(named?.strong).toBe(true);
    const [loose] = bundledCatalog().current.index.search('bản');
    expect(loose?.strong ?? false).toBe(false);
  });
});

describe('accent-aware ranking', () => {
  const index = createProcedureIndex(
    [
      makeProcedure({ id: 'ban-hang', name: 'Cấp phép bán hàng rong' }),
      makeProcedure({ id: 'ban-hanh', name: 'Cấp phép bản hành chính' }),
    ],
    noSynonyms,
  );

  it('ranks the exact-accent match first when the query has marks', () => {
    expect(index.search('bán hàng')[0]?.id).toBe('ban-hang');
    expect(index.search('bản hành')[0]?.id).toBe('ban-hanh');
  });

  it('finds both when the query has no marks', () => {
    const ids = index.search('ban hang').map((h) => h.id);
    expect(ids).toContain('ban-hang');
    const exact = index.search('bán hàng')[0]!.score;
    const folded = index.search('ban hang').find((h) => h.id === 'ban-hang')!.score;
    expect(exact).toBeGreaterThan(folded);
  });

  it('learns a new alias at runtime', () => {
    expect(index.search('xe đẩy vỉa hè')).toEqual([]);
    index.addAlias('ban-hang', 'xe đẩy vỉa hè');
    expect(index.search('xe đẩy vỉa hè')[0]?.id).toBe('ban-hang');
  });
});
