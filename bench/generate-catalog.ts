import { fold } from '../src/catalog/fold.js';
import type { Procedure } from '../src/catalog/schema.js';

/**
 * A large, realistic, deterministic catalog for search benchmarks: every procedure is made from the
 * bundled ones (their names, fields, aliases, real document names and guidance text), with the
 * actions and qualifiers the national catalog uses ("cấp lại", "có yếu tố nước ngoài", "liên
 * thông"…). The same seed always gives the same catalog, so runs compare.
 */

/** mulberry32: small, fast, good enough for picking, and reproducible everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Leading actions of procedure names, longest first so "Đăng ký lại" wins over "Đăng ký". */
const ACTIONS = [
  'Thực hiện, điều chỉnh, thôi hưởng',
  'Thay đổi, cải chính, bổ sung',
  'Xác định, xác định lại',
  'Cấp, cấp đổi, cấp lại',
  'Cấp lại, cấp đổi',
  'Đăng ký lại',
  'Đăng ký',
  'Cấp đổi',
  'Cấp lại',
  'Cấp',
  'Chứng thực',
  'Xác nhận',
  'Giải quyết',
  'Công nhận',
  'Hỗ trợ',
  'Cho phép',
  'Hòa giải',
  'Đính chính',
  'Liên thông',
  'Chấm dứt',
  'Tạm ngừng',
  'Tiếp',
  'Trợ cấp',
];

/** Actions a generated name may start with instead of its template's. */
const NEW_ACTIONS = [
  'Đăng ký', 'Đăng ký lại', 'Cấp', 'Cấp lại', 'Cấp đổi', 'Gia hạn', 'Điều chỉnh', 'Xác nhận', 'Chứng thực',
  'Thẩm định', 'Phê duyệt', 'Thông báo', 'Hủy bỏ', 'Bổ sung', 'Giải quyết', 'Công nhận', 'Thu hồi', 'Chuyển đổi',
];

/** Qualifiers the national catalog attaches to procedure names. */
const MODIFIERS = [
  'có yếu tố nước ngoài',
  'lưu động',
  'liên thông',
  'cho người nước ngoài cư trú tại khu vực biên giới',
  'tại cơ quan đại diện',
  'cho trẻ em bị bỏ rơi',
  'cho người đã có hồ sơ, giấy tờ cá nhân',
  'trong trường hợp bị mất, bị hỏng',
  'do thay đổi thông tin',
  'lần đầu',
  'đối với hộ gia đình, cá nhân',
  'đối với tổ chức',
  'cho người khuyết tật',
  'cho hộ nghèo, hộ cận nghèo',
  'trên môi trường điện tử',
  'theo quy trình rút gọn',
  'khi thay đổi nơi cư trú',
  'cho thân nhân người có công',
  'đối với đất nông nghiệp',
  'trong khu dân cư',
  'quá hạn',
  'khi có sai sót',
  'thuộc thẩm quyền UBND cấp xã',
  'tại khu vực miền núi, hải đảo',
  'cho người cao tuổi',
  'đối với trường hợp đã đăng ký trước ngày 01/01/2016',
];

function splitName(name: string): { action: string; object: string } {
  for (const action of ACTIONS) {
    if (name.startsWith(action + ' ')) return { action, object: name.slice(action.length + 1) };
  }
  return { action: '', object: name };
}

function slugOf(text: string): string {
  return fold(text).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
}

/**
 * `count` procedures: the real ones first (when `includeReal`), then generated ones until the total
 * is reached. Names are unique; ids are unique kebab-case slugs; codes look like national codes
 * (9.xxxxxx, a prefix no real code uses).
 */
export function generateCatalog(real: readonly Procedure[], count: number, seed = 20_261_122, includeReal = true): Procedure[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const documentPool = [...new Map(real.flatMap((p) => p.documents).map((d) => [d.name, d])).values()];
  const paragraphs = real.map((p) => p.body.split(/\n\s*\n/).filter((s) => s.trim()));
  const out: Procedure[] = includeReal ? real.slice(0, count) : [];
  const names = new Set(out.map((p) => p.name));

  for (let i = 0; out.length < count; i++) {
    const t = pick(real);
    const { action, object } = splitName(t.name);
    const verb = random() < 0.4 || !action ? pick(NEW_ACTIONS) : action;
    let obj = object.charAt(0).toLowerCase() + object.slice(1);
    if (random() < 0.15) {
      const other = splitName(pick(real).name).object;
      obj = `${obj} và ${other.charAt(0).toLowerCase()}${other.slice(1)}`;
    }
    let name = `${verb} ${obj}`;
    const modifiers: string[] = [];
    if (random() < 0.7) modifiers.push(pick(MODIFIERS));
    if (random() < 0.2) modifiers.push(pick(MODIFIERS));
    for (const m of modifiers) if (!name.includes(m)) name += ` ${m}`;
    for (let k = 2; names.has(name); k++) name = `${verb} ${obj} ${pick(MODIFIERS)}${k > 4 ? ` (trường hợp ${k})` : ''}`;
    names.add(name);

    const aliases = [...new Set([pick(t.aliases), pick(t.aliases), ...(modifiers[0] ? [`${pick(t.aliases)} ${modifiers[0]}`] : [])])];
    const ownDocs = t.documents.filter(() => random() < 0.8);
    const extraDocs = Array.from({ length: Math.floor(random() * 3) }, () => pick(documentPool));
    const documents = [...new Map([...ownDocs, ...extraDocs].map((d) => [d.name, d])).values()];
    const own = paragraphs[real.indexOf(t)] ?? [];
    const body = [...own.filter(() => random() < 0.75), pick(pick(paragraphs) ?? [''])].filter(Boolean).join('\n\n');
    const id = `gen-${String(i).padStart(5, '0')}-${slugOf(name)}`;
    out.push({
      ...t,
      id,
      code: `9.${String(i).padStart(6, '0')}`,
      code_confirmed: false,
      name,
      aliases,
      documents: documents.length ? documents : [pick(documentPool)],
      body,
      file: `procedures/${id}.md`,
    });
  }
  return out;
}
