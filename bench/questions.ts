import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One line of a question set, as scripts/eval/score.mjs reads it. */
export interface QuestionCase {
  q: string;
  expect?: string[];
  intent?: string;
  alt?: string[];
}

export interface QuestionSet {
  name: string;
  path: string;
  cases: QuestionCase[];
}

/** The shared sample (copied into test/fixtures) and our held-out set; a missing file is skipped. */
export const QUESTION_SETS = [
  { name: 'shared dev', path: fileURLToPath(new URL('../test/fixtures/questions-dev.jsonl', import.meta.url)) },
  { name: 'held-out', path: fileURLToPath(new URL('../test/fixtures/questions-heldout.jsonl', import.meta.url)) },
  { name: 'held-out 2', path: fileURLToPath(new URL('../test/fixtures/heldout/questions.jsonl', import.meta.url)) },
  { name: 'Q&A letters', path: fileURLToPath(new URL('../test/fixtures/heldout/letters.jsonl', import.meta.url)) },
];

export function loadQuestionSets(): QuestionSet[] {
  return QUESTION_SETS.filter((s) => existsSync(s.path)).map((s) => ({
    ...s,
    cases: readFileSync(s.path, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as QuestionCase)
      // score.mjs sends one question per line: newlines inside a question become spaces.
      .map((c) => ({ ...c, q: c.q.replace(/\n/g, ' ') })),
  }));
}

/**
 * Questions of both sets except those with the "news" intent: answering one of those stalls the
 * whole service on SQLite (news.latest() reads outside the inbox transaction; see the report).
 */
export function loadTexts(): string[] {
  return loadQuestionSets().flatMap((s) => s.cases.filter((c) => c.intent !== 'news').map((c) => c.q));
}
