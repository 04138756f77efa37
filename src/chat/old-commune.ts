import type { Catalog } from '../catalog/catalog.js';
import { fold } from '../catalog/fold.js';
import { dialable, phoneLabel } from '../catalog/labels.js';
import type { NewUnit, OldUnit } from '../catalog/old-communes.js';
import type { Reply, ReplyButton } from '../assistant/reply.js';
import type { ChatHandler } from './context.js';

/** Words that say the commune named is the one from before the 2025 arrangement. */
const BEFORE = /(^| )(cu|truoc day|truoc kia|ngay truoc|sap nhap|sat nhap|bay gio|gio thuoc|nay thuoc|nay la|gio la|doi ten)( |$)/;

function capitalise(text: string): string {
  return text.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}

/** "xã Tân Dân (huyện An Lão)": an old unit with its district, as residents knew it. */
function oldName(old: OldUnit): string {
  return `${old.unit} (${old.district})`;
}

/** The new unit, and how to reach it when it is one of this deployment's communes. */
function targetLines(catalog: Catalog, target: NewUnit): { lines: string[]; button?: ReplyButton } {
  if (!target.commune) {
    return { lines: [`Trợ lý này chưa có địa chỉ, số điện thoại của ${target.unit}; ông/bà tra cứu trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) hoặc gọi tổng đài 1800 1096.`] };
  }
  const profile = catalog.forCommune(target.commune.id).current.content.commune;
  const hotline = profile.hotlines[0]!;
  return {
    lines: [
      `Nơi nộp hồ sơ: ${profile.desk.name}, ${profile.name}: ${profile.address}.`,
      `Giờ làm việc: ${profile.office_hours.weekdays}.`,
      `${hotline.label}: ${phoneLabel(hotline)}.`,
    ],
    button: { kind: 'phone', title: `Gọi ${target.unit}`.slice(0, 40), phone: dialable(hotline.number) },
  };
}

/** Where an old commune went: the new unit (or units, when it was split), its desk and hotline, and the act. */
export function oldCommuneReply(catalog: Catalog, old: OldUnit): Reply {
  const cite = `Căn cứ: ${old.source}${old.targets.length === 1 ? `, khoản ${old.targets[0]!.clause} Điều 1` : ''}.`;
  const example = old.example ? ['(Danh sách xã cũ – xã mới này là dữ liệu ví dụ.)'] : [];
  if (old.targets.length === 1) {
    const target = old.targets[0]!;
    const { lines, button } = targetLines(catalog, target);
    return {
      text: [`Dạ, ${oldName(old)} cũ nay thuộc ${target.unit}, ${capitalise(old.provinceName)}.`, ...lines, cite, ...example].join('\n'),
      buttons: button ? [button] : [],
    };
  }
  const parts = old.targets.map((t, i) => `${i + 1}. ${t.share === 'mot_phan' ? 'Một phần' : 'Toàn bộ'} về ${t.unit} (khoản ${t.clause} Điều 1)`);
  const ours = old.targets.filter((t) => t.commune).map((t) => targetLines(catalog, t));
  return {
    text: [
      `Dạ, ${oldName(old)} cũ được chia về ${old.targets.length} đơn vị mới:`,
      ...parts,
      'Ông/bà ở thôn, tổ dân phố nào thì thuộc đơn vị đó; nếu chưa rõ, ông/bà gọi đường dây nóng để được hướng dẫn.',
      ...ours.flatMap((o) => o.lines),
      `Căn cứ: ${old.source}.`,
      ...example,
    ].join('\n'),
    buttons: ours.flatMap((o) => (o.button ? [o.button] : [])),
  };
}

/** The same old name in several districts: ask which, one tap each. */
export function whichDistrictReply(name: string, candidates: OldUnit[]): Reply {
  return {
    text: [
      `Dạ, trước đây có ${candidates.length} đơn vị tên ${name}:`,
      ...candidates.map((c, i) => `${i + 1}. ${c.unit} thuộc ${c.district}, nay thuộc ${c.targets.map((t) => t.unit).join(' và ')}`),
      'Ông/bà ở đơn vị thuộc huyện, thị xã, thành phố nào ạ?',
    ].join('\n'),
    buttons: candidates.slice(0, 5).map((c) => ({ kind: 'query', title: `${c.unit} cũ, ${c.district}`.slice(0, 40), payload: `${c.unit} cũ ${c.district}` })),
  };
}

/**
 * "xã Nam Hưng cũ giờ nộp ở đâu": a resident names a commune from before the 2025 arrangement.
 * Answered only when the message names an old unit with its kind (xã, phường, thị trấn) and says
 * it is the old one, so everyday words are never taken for a commune.
 */
export function oldCommuneHandler(deps: { catalog: Catalog }): ChatHandler {
  return async (ctx, next) => {
    if (ctx.event.kind !== 'text') return next();
    const text = ctx.event.text;
    if (!BEFORE.test(fold(text))) return next();
    const found = deps.catalog.oldCommunes().resolve(text);
    if (found.kind === 'none') return next();
    ctx.reply(found.kind === 'found' ? oldCommuneReply(deps.catalog, found.old) : whichDistrictReply(found.name, found.candidates));
    ctx.outcome = { intent: 'hotline', results: [], facet: null };
  };
}
