import { PassThrough } from 'node:stream';
import { createAssistant } from '../../src/assistant/assistant.js';
import { askDialogueLines } from '../../src/chat/dialogue-command.js';
import { bundledCatalog } from './catalog.js';

/** One line `ask --json --dialogue` writes per turn (see scripts/eval/score-dialogues.mjs). */
export interface DialogueAnswer {
  dialog: string;
  q: string;
  intent: string;
  results: Array<{ id: string }>;
  facet: string | null;
  reply: string;
}

/** Runs turns through `ask --json --dialogue` in-process, one conversation per dialog id. */
export async function runDialogues(turns: ReadonlyArray<{ dialog: string; q: string }>): Promise<DialogueAnswer[]> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d: Buffer) => (text += d.toString('utf8')));
  input.end(turns.map((t) => JSON.stringify({ dialog: t.dialog, q: t.q })).join('\n') + '\n');
  const catalog = bundledCatalog();
  await askDialogueLines({ catalog, assistant: createAssistant({ catalog, links: { procedurePage: (id) => `/thu-tuc/${id}` } }), articleUrl: (id) => `/tin/${id}`, input, output });
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as DialogueAnswer);
}
