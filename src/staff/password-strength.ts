import { ZxcvbnFactory, type MatchExtended } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { VIETNAMESE_PASSWORD_WORDS } from './password-words-vi.js';

export const MIN_PASSWORD_LENGTH = 10;
/** zxcvbn's score: 3 is "safely unguessable: moderate protection from an offline attack". */
export const MIN_PASSWORD_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;
/** Built on first use: ranking the dictionaries takes a moment that most commands never need. */
function getEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...dictionary, vi: [...new Set(VIETNAMESE_PASSWORD_WORDS)] },
    graphs: adjacencyGraphs,
    useLevenshteinDistance: true,
  });
  return estimator;
}

const ADVICE = 'Hãy dùng một cụm dài gồm ba, bốn từ không liên quan đến nhau, có thể xen số hoặc ký hiệu.';

/** Marks off, đ → d, case kept: "Mật khẩu" and "Mat khau" are the same guess to an attacker. */
function withoutMarks(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/** Letters and digits only, lower case, marks off: what "contains the username" compares. */
function squash(text: string): string {
  return withoutMarks(text).toLowerCase().replace(/[^a-z0-9]/g, '');
}

function reasonFor(sequence: MatchExtended[]): string {
  const has = (test: (m: MatchExtended) => boolean) => sequence.some(test);
  if (has((m) => m.pattern === 'dictionary' && m.dictionaryName === 'userInputs')) {
    return 'Mật khẩu giống tên đăng nhập hoặc họ tên.';
  }
  if (has((m) => m.pattern === 'dictionary' && m.dictionaryName === 'passwords-common')) {
    return 'Mật khẩu này (hoặc phần lớn của nó) nằm trong danh sách mật khẩu phổ biến mà kẻ gian thử đầu tiên.';
  }
  if (has((m) => m.pattern === 'dictionary')) return 'Mật khẩu dựa trên từ quá phổ biến (như "matkhau", "anhyeuem", tên người, tên nơi chốn).';
  if (has((m) => m.pattern === 'repeat' || m.pattern === 'sequence' || m.pattern === 'spatial')) {
    return 'Mật khẩu lặp lại hoặc theo dãy dễ đoán (như aaaa, 1234, abcd, qwerty).';
  }
  if (has((m) => m.pattern === 'date' || m.pattern === 'regex')) return 'Mật khẩu dựa trên ngày tháng hoặc năm, dễ đoán.';
  return 'Mật khẩu quá dễ đoán.';
}

/**
 * Why `password` is not good enough for a staff account, in Vietnamese with what to do instead,
 * or undefined when it is: at least MIN_PASSWORD_LENGTH characters, not built on the username or
 * the person's name, and rated at least MIN_PASSWORD_SCORE by zxcvbn-ts (common passwords in
 * several languages, Vietnamese words and names, repeats, sequences, keyboard walks, dates).
 */
export function passwordProblem(password: string, who: { username: string; displayName?: string }): string | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`;
  const name = squash(who.username);
  const nameWords = withoutMarks(who.displayName ?? '').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 2);
  const userInputs = [who.username, ...who.username.split(/[._-]+/), ...nameWords, nameWords.join(''), squash(who.displayName ?? '')].filter(
    (w) => w.length >= 2,
  );
  if (name.length >= 3 && squash(password).includes(name)) {
    return `Mật khẩu không được chứa tên đăng nhập. ${ADVICE}`;
  }
  // Vietnamese words are syllables apart ("mat khau", "anh-yeu-em"): zxcvbn only finds them in
  // the dictionary once the separators are gone, so the password is also checked that way.
  const joined = withoutMarks(password).replace(/[^A-Za-z0-9]/g, '');
  for (const candidate of new Set([password, withoutMarks(password), joined])) {
    const result = getEstimator().check(candidate, userInputs);
    if (result.score < MIN_PASSWORD_SCORE) return `${reasonFor(result.sequence)} ${ADVICE}`;
  }
  return undefined;
}
