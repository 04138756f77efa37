import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/assistant/assistant.js';
import { bundledCatalog } from '../helpers/catalog.js';

interface Case {
  q: string;
  expect?: string[];
  intent?: string;
  alt?: string[];
}

interface Figures {
  /** Share answered right, as score.mjs counts it (top-1 procedure, or the intent). */
  overall: number;
  /** Share of procedure questions answered with one wrong procedure and no alternatives offered. */
  confidentlyWrong: number;
}

async function measure(file: string): Promise<Figures> {
  const assistant = createAssistant({ catalog: bundledCatalog(), links: { procedurePage: (id) => `/thu-tuc/${id}` } });
  const cases = readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Case);
  let right = 0;
  let procedures = 0;
  let wrongCommitted = 0;
  for (const c of cases) {
    const u = assistant.understand(c.q);
    const ok = c.expect ? u.intent === 'procedure' && c.expect.includes(u.results[0]?.id ?? '') : u.intent === c.intent || (c.alt ?? []).includes(u.intent);
    if (ok) right++;
    if (c.expect) {
      procedures++;
      if (!ok && u.intent === 'procedure' && u.certainty === 'sure') wrongCommitted++;
    }
  }
  return { overall: right / cases.length, confidentlyWrong: procedures ? wrongCommitted / procedures : 0 };
}

// Quality floors, not targets: a change to understanding that loses ground fails here. The sets
// were written by people who never saw the corpus or the model; none of them is trained on.
describe('question sets', () => {
  const floors: Array<[string, string, number]> = [
    ['the shared question set', 'questions-dev.jsonl', 0.96],
    ['our first held-out set', 'questions-heldout.jsonl', 0.97],
    ['a second held-out set, kept aside before the corpus was written', 'heldout/questions.jsonl', 0.92],
    ['letters in the style of newspaper Q&A columns', 'heldout/letters.jsonl', 0.95],
    ['a third held-out set, written on 30/11/2026 and never tuned on', 'heldout/questions-3.jsonl', 0.94],
    ['a fourth held-out set, written on the evening of 30/11/2026 and never tuned on', 'heldout/questions-4.jsonl', 0.94],
    ['a fifth held-out set, written on the night of 30/11/2026 and never read for misses', 'heldout/questions-5.jsonl', 0.93],
    ['a sixth held-out set, written on 1/12/2026 and never read for misses', 'heldout/questions-6.jsonl', 0.94],
    ['a seventh held-out set, written on the afternoon of 1/12/2026 and never read for misses', 'heldout/questions-7.jsonl', 0.94],
    ['an eighth held-out set, written on the evening of 1/12/2026, 96.8 % when first scored; its misses were seen, not tuned on', 'heldout/questions-8.jsonl', 0.95],
    ['a ninth held-out set with 50 letters, written on the morning of 3/12/2026, 95.5 % when first scored', 'heldout/questions-9.jsonl', 0.94],
    ['a tenth held-out set with 40 letters, written on the afternoon of 3/12/2026, never read, 98.2 % when first scored', 'heldout/questions-10.jsonl', 0.96],
    ['an eleventh held-out set with 40 letters, written on the evening of 3/12/2026, never read, 96.4 % when first scored', 'heldout/questions-11.jsonl', 0.95],
    ['a twelfth held-out set with 40 letters, written on the night of 3/12/2026, never read, 98.6 % when first scored', 'heldout/questions-12.jsonl', 0.97],
  ];
  for (const [name, file, floor] of floors) {
    it(`answers ${name}, and is rarely confidently wrong`, async () => {
      const f = await measure(file);
      expect(f.overall).toBeGreaterThanOrEqual(floor);
      expect(f.confidentlyWrong).toBeLessThan(0.02);
    });
  }
});
