import type { Commune } from '../catalog/schema.js';
import type { PetitionRow } from './repo.js';
import { displayPhone } from './texts.js';

const IDENTITY_MESSAGE = 'Vui lòng bỏ họ tên, số điện thoại của người gửi khỏi nội dung công khai.';
const digits = (s: string) => s.replace(/\D/g, '');
/** Vietnamese phone numbers as people write them: 0912 345 678, 0912.345.678, +84 912345678. */
const PHONE_LIKE = /(?:\+?84|0)(?:[\s.-]?\d){8,10}/g;

/**
 * A guard for publishing: the public text must not identify the sender. It refuses the sender's
 * name, phone and house address (the part of the address before the first comma when it holds a
 * house number: "số 12 ngõ 5"; a hamlet's name alone is where the problem is, and may be said),
 * and any phone number that is not one of the commune's own public numbers (a pasted
 * signature, a neighbour's number). The desk writes the summary by hand; this catches slips.
 * Per-field Vietnamese messages.
 */
export function personalDataIn(p: Pick<PetitionRow, 'contact_name' | 'contact_phone' | 'contact_address'>, body: { summary: string; answer: string }, commune: Pick<Commune, 'hotlines' | 'national_portal'>): Record<string, string> {
  const fields: Record<string, string> = {};
  const name = p.contact_name?.trim().toLowerCase() ?? '';
  const phone = p.contact_phone ? digits(displayPhone(p.contact_phone)) : '';
  const first = p.contact_address?.split(',')[0]?.trim().toLowerCase() ?? '';
  const street = /\d/.test(first) ? first : '';
  const publicNumbers = new Set([...commune.hotlines, commune.national_portal.hotline].map((h) => digits(h.number).replace(/^84/, '0')));
  for (const key of ['summary', 'answer'] as const) {
    const text = body[key];
    const lower = text.toLowerCase();
    const problems: string[] = [];
    if (name.length >= 4 && lower.includes(name)) problems.push('họ tên');
    if (phone.length >= 9 && (digits(text).includes(phone) || digits(text).includes(phone.replace(/^0/, '84')))) problems.push('số điện thoại');
    else if ((text.match(PHONE_LIKE) ?? []).some((m) => !publicNumbers.has(digits(m).replace(/^84/, '0')))) problems.push('số điện thoại');
    if (street.length >= 6 && lower.includes(street)) problems.push('địa chỉ');
    if (problems.length) fields[key] = problems.includes('địa chỉ') ? `Vui lòng bỏ ${problems.join(', ')} của người gửi khỏi nội dung công khai.` : IDENTITY_MESSAGE;
  }
  return fields;
}
