import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createAssistant } from '../../src/assistant/assistant.js';
import { MAX_REPLY_CHARS } from '../../src/assistant/reply.js';
import { bundledCatalog } from '../helpers/catalog.js';

const assistant = createAssistant({ catalog: bundledCatalog(), links: { procedurePage: (id) => `https://xa.example/thu-tuc/${id}` } });

async function expectPoliteReply(q: string) {
  const turn = await assistant.respond(q);
  expect(turn.reply.text.startsWith('Dạ')).toBe(true);
  expect(turn.reply.text.length).toBeLessThanOrEqual(MAX_REPLY_CHARS);
  expect(turn.reply.text.normalize('NFC')).toBe(turn.reply.text);
  expect(turn.reply.buttons.length).toBeLessThanOrEqual(5);
}

describe('hostile input to understanding and search', () => {
  it('gives a valid polite reply for any Unicode text', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), expectPoliteReply), { numRuns: 300 });
  });

  it('copes with very long messages, emoji only, NFD, HTML and SQL fragments', async () => {
    const cases = [
      'đăng ký kết hôn '.repeat(700),
      'x'.repeat(10_000),
      '😀😀🙏🏻👍🏽🇻🇳',
      'Đăng ký khai sinh cho con'.normalize('NFD'),
      '<img src=x onerror=alert(1)> đăng ký kết hôn',
      "'; DROP TABLE questions; -- sổ đỏ",
      '%00%0d%0a\u202e\u200b\uFEFF',
      '1.001193 OR 1=1',
    ];
    for (const q of cases) await expectPoliteReply(q);
    const nfd = await assistant.respond('Đăng ký khai sinh cho con'.normalize('NFD'));
    expect(nfd.understanding.results[0]?.id).toBe('dang-ky-khai-sinh');
  });

  it('never fails on search-as-you-type prefixes of real questions', () => {
    const { index } = bundledCatalog().current;
    fc.assert(
      fc.property(fc.constantFrom('đăng ký kết hôn', 'sổ đỏ bị mất', 'chứng thực chữ ký'), fc.nat(20), (q, n) => {
        const hits = index.search(q.slice(0, n), { prefix: true, limit: 10 });
        return Array.isArray(hits) && hits.every((h) => Number.isFinite(h.score));
      }),
    );
  });
});
