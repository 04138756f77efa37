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

/** Share of questions answered right, as score.mjs counts it (top-1 procedure, or the intent). */
async function accuracy(file: URL): Promise<number> {
  const assistant = createAssistant({ catalog: bundledCatalog(), links: { procedurePage: (id) => `/thu-tuc/${id}` } });
  const cases = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Case);
  let right = 0;
  for (const c of cases) {
    const { understanding: u } = await assistant.respond(c.q);
    const ok = c.expect
      ? u.intent === 'procedure' && c.expect.includes(u.results[0]?.id ?? '')
      : u.intent === c.intent || (c.alt ?? []).includes(u.intent);
    if (ok) right++;
  }
  return right / cases.length;
}

// A quality floor, not a target: a change to search or understanding that loses ground fails here.
describe('question sets', () => {
  it('answers the shared question set', async () => {
    expect(await accuracy(new URL('../fixtures/questions-dev.jsonl', import.meta.url))).toBeGreaterThanOrEqual(0.95);
  });

  it('answers our own held-out set, written without looking at the rules', async () => {
    expect(await accuracy(new URL('../fixtures/questions-heldout.jsonl', import.meta.url))).toBeGreaterThanOrEqual(0.88);
  });
});
