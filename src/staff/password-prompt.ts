import { createInterface } from 'node:readline';

export class PromptCancelled extends Error {
  override readonly name = 'PromptCancelled';
  constructor() {
    super('Đã hủy.');
  }
}

/**
 * Asks for a password on a terminal without showing it: raw mode is on before the prompt is
 * written, so nothing typed is ever echoed. Enter finishes, Backspace deletes, Ctrl-U clears,
 * Ctrl-C cancels (PromptCancelled).
 */
export function promptHidden(prompt: string, input: NodeJS.ReadStream, output: NodeJS.WritableStream): Promise<string> {
  input.setRawMode(true);
  input.setEncoding('utf8');
  output.write(prompt);
  return new Promise((resolve, reject) => {
    let typed: string[] = [];
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(typed.join(''));
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new PromptCancelled());
          return;
        }
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else if (ch === '\u0015') typed = [];
        else if (ch >= ' ') typed.push(ch);
      }
    };
    input.on('data', onData);
    input.resume();
  });
}

/** The first line of a stream (a password piped in by a script), without its line ending. */
export async function readFirstLine(input: NodeJS.ReadableStream): Promise<string> {
  const lines = createInterface({ input });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}
