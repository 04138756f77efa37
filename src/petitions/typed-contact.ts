import { fold } from '../catalog/fold.js';

/** Contact details a resident typed instead of sharing Zalo's card. */
export interface TypedContact {
  name?: string;
  phone?: string;
  address?: string;
}

const PHONE = /(?:\+?84|0)(?:[\s.-]?\d){9,10}/;
const PHONE_LABEL = /\b(?:s[đd]t|sdt|số điện thoại|so dien thoai|điện thoại|dien thoai|đt|dt|tel|phone|số|so)\s*[:.]?\s*$/iu;
const NAME_LABEL = /^(?:tên|ten|họ tên|ho ten|họ và tên|tôi là|toi la|tôi tên|toi ten|em là|em la|cháu là|chau la)\s*[:.]?\s*/iu;
const ADDRESS_LABEL = /^(?:địa chỉ|dia chi|đc|dc|nhà ở|nha o|ở|o)\s*[:.]?\s*/iu;
/** Words that start an address ("xóm 5", "thôn Đông", "số 12 ngõ 3"). */
const ADDRESS_WORDS = ['xom', 'thon', 'ap', 'to', 'khu', 'ngo', 'ngach', 'hem', 'kiet', 'duong', 'pho', 'so nha', 'xa', 'phuong', 'ban', 'lang', 'khom', 'doi', 'cum', 'tdp', 'to dan pho', 'khu pho'];

function looksLikeName(part: string): boolean {
  const words = part.split(/\s+/).filter(Boolean);
  return words.length >= 2 && words.length <= 5 && !/\d/.test(part) && words.every((w) => /^\p{Lu}/u.test(w));
}

function looksLikeAddress(part: string): boolean {
  const f = fold(part);
  return /\d/.test(part) || ADDRESS_WORDS.some((w) => f === w || f.startsWith(`${w} `));
}

/**
 * Reads contact details typed in one message ("Nguyễn Văn An, xóm 5, sđt 0987 654 321"): the
 * phone anywhere, a capitalised name of two to five words, the rest as the address. Returns
 * undefined when neither a phone nor a name is found (the message is something else).
 */
export function parseTypedContact(text: string): TypedContact | undefined {
  const normalised = text.normalize('NFC').trim();
  const phoneMatch = PHONE.exec(normalised);
  const phone = phoneMatch ? phoneMatch[0].replace(/[\s.-]/g, '').replace(/^\+?84/, '0') : undefined;
  const rest = phoneMatch
    ? `${normalised.slice(0, phoneMatch.index).replace(PHONE_LABEL, '')}, ${normalised.slice(phoneMatch.index + phoneMatch[0].length)}`
    : normalised;
  const parts = rest
    .split(/\s*[,;\n]\s*|\s+-\s+/)
    .map((p) => p.trim().replace(/[.。]+$/, ''))
    .filter(Boolean);
  let name: string | undefined;
  const addressParts: string[] = [];
  for (const raw of parts) {
    const named = raw.replace(NAME_LABEL, '');
    if (!name && (named !== raw || looksLikeName(raw)) && looksLikeName(named)) {
      name = named;
      continue;
    }
    const address = raw.replace(ADDRESS_LABEL, '');
    if (address !== raw || looksLikeAddress(raw)) addressParts.push(address);
  }
  if (!phone && !name) return undefined;
  return { name, phone, address: addressParts.length ? addressParts.join(', ') : undefined };
}
