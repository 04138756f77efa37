import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../helpers/catalog.js';
import { petitionPlace } from '../../src/petitions/place.js';

const resolver = () => bundledCatalog().oldCommunes();

function found(message: string) {
  const r = resolver().resolve(message);
  if (r.kind !== 'found') throw new Error(`"${message}" → ${r.kind}`);
  return r.old;
}

describe('old → new communes (Hải Phòng, NQ 1669/NQ-UBTVQH15)', () => {
  it('holds every old unit of the list, with the act it comes from', () => {
    const layer = bundledCatalog().shared.content.layers.provinces[0]!;
    expect(layer.oldCommunes.length).toBeGreaterThan(400);
    expect(resolver().size).toBe(new Set(layer.oldCommunes.map((r) => `${r.old_unit}|${r.old_district}`)).size);
    expect(layer.province.old_communes?.source).toContain('1669/NQ-UBTVQH15');
    expect(layer.province.old_communes?.example).toBe(false);
  });

  it('reads the old name with or without marks, with "cũ", and links the new unit to its commune', () => {
    for (const message of ['xã Tân Dân cũ giờ nộp ở đâu', 'xa tan dan cu gio nop o dau', 'XÃ TÂN DÂN (cũ)']) {
      const old = found(message);
      expect(old).toMatchObject({ unit: 'xã Tân Dân', district: 'huyện An Lão' });
      expect(old.targets).toMatchObject([{ unit: 'xã An Lão', share: 'toan_bo', clause: '50', commune: { id: 'xa-an-lao' } }]);
    }
  });

  it('asks which district when the name is in several, and narrows by the district named', () => {
    const r = resolver().resolve('xã Quốc Tuấn cũ');
    expect(r.kind).toBe('ambiguous');
    if (r.kind !== 'ambiguous') return;
    expect(r.candidates.map((c) => `${c.district} → ${c.targets[0]!.unit}`).sort()).toEqual(['huyện An Lão → xã An Quang', 'huyện Nam Sách → xã Trần Phú']);
    expect(found('xã Quốc Tuấn cũ huyện An Lão').targets[0]!.commune?.id).toBe('xa-an-quang');
    expect(found('xa quoc tuan cu huyen nam sach').targets[0]).toMatchObject({ unit: 'xã Trần Phú', commune: null });
    // "phường Y cũ huyện Z": the kind word narrows too (xã Tân Dân is in An Lão, the wards elsewhere).
    expect(found('phường Tân Dân cũ thị xã Kinh Môn').targets[0]!.unit).toBe('phường Nhị Chiểu');
    expect(found('phuong tan dan cu chi linh').targets[0]!.unit).toBe('phường Lê Đại Hành');
  });

  it('lists every part of a unit that was split', () => {
    const old = found('thị trấn Trường Sơn cũ');
    expect(old.targets.map((t) => [t.unit, t.share])).toEqual([
      ['phường Phù Liễn', 'mot_phan'],
      ['xã An Lão', 'mot_phan'],
    ]);
  });

  it('never reads everyday words as a commune', () => {
    for (const message of ['đăng ký khai sinh cho con', 'tôi ở An Lão muốn hỏi thủ tục', 'hung thang cu']) {
      expect(resolver().resolve(message).kind).toBe('none');
    }
  });

  it('searches old names for a picker, name matches first', () => {
    const items = resolver().search('tan d');
    expect(items.slice(0, 3).map((o) => `${o.unit}, ${o.district}`)).toEqual(['xã Tân Dân, huyện An Lão', 'phường Tân Dân, thành phố Chí Linh', 'phường Tân Dân, thị xã Kinh Môn']);
    expect(resolver().search('')).toEqual([]);
  });

  it('resolves a petition\'s written address to the commune it is now', () => {
    expect(petitionPlace(bundledCatalog(), 'Thôn 3, xã Quốc Tuấn, huyện An Lão')).toEqual({
      old: 'xã Quốc Tuấn (huyện An Lão)',
      now: [{ unit: 'xã An Quang', share: 'toan_bo', communeId: 'xa-an-quang' }],
      source: expect.stringContaining('1669/NQ-UBTVQH15'),
    });
    expect(petitionPlace(bundledCatalog(), 'Số 5 đường Lạch Tray')).toBeNull();
  });
});
