import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fold, hasMarks, normalizeText, containsPhrase, containsPhraseAsTyped } from '../../src/catalog/fold.js';

const VIETNAMESE_LETTERS = [...'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ'];
const vietnameseWord = fc
  .array(fc.constantFrom(...VIETNAMESE_LETTERS, ...'bcdghklmnpqrstvx'), { minLength: 1, maxLength: 7 })
  .map((cs) => cs.join(''));
const vietnameseText = fc.array(vietnameseWord, { maxLength: 8 }).map((ws) => ws.join(' '));

describe('fold', () => {
  it('folds marks, đ and case', () => {
    expect(fold('Đăng ký KẾT HÔN')).toBe('dang ki ket hon');
    expect(fold('Giấy chứng nhận quyền sử dụng đất')).toBe('giay chung nhan quyen su dung dat');
  });

  it('treats the y/i spellings as one ("ký" and "kí", "lý" and "lí") but keeps "ay" and "uy"', () => {
    expect(fold('đăng ký')).toBe(fold('dang ki'));
    expect(fold('lý lịch')).toBe(fold('lí lịch'));
    expect(fold('tay')).toBe('tay');
    expect(fold('quy định')).toBe('quy dinh');
  });

  it('turns punctuation and emoji into single spaces', () => {
    expect(fold('  Sổ đỏ!!! 👍 mất, rồi?? ')).toBe('so do mat roi');
  });

  it('reads NFD input like NFC input', () => {
    const nfd = 'Đăng ký khai sinh'.normalize('NFD');
    expect(fold(nfd)).toBe('dang ki khai sinh');
    expect(normalizeText(nfd)).toBe('đăng ký khai sinh');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => fold(fold(s)) === fold(s)));
    fc.assert(fc.property(vietnameseText, (s) => fold(fold(s)) === fold(s)));
  });

  it('removes every tone and vowel mark', () => {
    fc.assert(
      fc.property(vietnameseText, (s) => {
        const f = fold(s);
        return !/[\u0300-\u036f]/.test(f.normalize('NFD')) && !f.includes('đ') && !hasMarks(f);
      }),
    );
  });

  it('keeps the number of syllables', () => {
    fc.assert(
      fc.property(vietnameseText, (s) => fold(s).split(' ').filter(Boolean).length === normalizeText(s).split(' ').filter(Boolean).length),
    );
  });

  it('knows when a writer typed marks', () => {
    expect(hasMarks('đăng ký')).toBe(true);
    expect(hasMarks('dang ky')).toBe(false);
  });

  it('matches phrases on whole syllables only', () => {
    expect(containsPhrase('mat so do roi', 'so do')).toBe(true);
    expect(containsPhrase('mo cua hang', 'cua')).toBe(true);
    expect(containsPhrase('khai sinh', 'sin')).toBe(false);
  });
});

describe('containsPhraseAsTyped', () => {
  it('matches whole syllables with the marks typed, and any marks where none were typed', () => {
    expect(containsPhraseAsTyped('vợ em vừa đẻ', 'vợ đẻ')).toBe(false);
    expect(containsPhraseAsTyped('em vợ đẻ rồi', 'vợ đẻ')).toBe(true);
    expect(containsPhraseAsTyped('chưa vợ để đi làm', 'vợ đẻ')).toBe(false);
    expect(containsPhraseAsTyped('vo de roi', 'vợ đẻ')).toBe(true);
    expect(containsPhraseAsTyped('chữ kí của tôi', 'chữ ký')).toBe(true);
    expect(containsPhraseAsTyped('vợ đẻ', '')).toBe(false);
  });

  it('agrees with the folded match on text typed without marks', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('vo', 'de', 'bo', 'mat', 'moi', 'roi', 'toi'), { maxLength: 8 }), fc.array(fc.constantFrom('vo', 'de', 'mat', 'roi'), { minLength: 1, maxLength: 3 }), (text, phrase) => {
        expect(containsPhraseAsTyped(text.join(' '), phrase.join(' '))).toBe(containsPhrase(fold(text.join(' ')), fold(phrase.join(' '))));
      }),
    );
  });
});
