import { createInterface } from 'node:readline';
import type { Assistant } from './assistant.js';
import { renderReplyAsText } from './render-text.js';

/**
 * `ask --json`: one question per stdin line → one JSON object per stdout line, in order:
 * {"q","intent","confidence","results":[{"id","score"}],"reply"}. Nothing else is written to stdout.
 */
export async function askJsonLines(assistant: Assistant, input: NodeJS.ReadableStream, output: NodeJS.WritableStream) {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    const turn = await assistant.respond(line);
    const u = turn.understanding;
    output.write(
      JSON.stringify({
        q: line,
        intent: u.intent,
        confidence: Number(u.confidence.toFixed(3)),
        results: u.results.map((r) => ({ id: r.id, score: Number(r.score.toFixed(3)) })),
        reply: turn.reply.text,
      }) + '\n',
    );
  }
}

/** `ask "câu hỏi"`: the reply as the resident would read it. */
export async function askOnce(assistant: Assistant, question: string): Promise<string> {
  const turn = await assistant.respond(question);
  return renderReplyAsText(turn.reply);
}
