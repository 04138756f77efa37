import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Unavailable } from '../errors.js';
import { WORDS_PER_MINUTE, type RadioScript } from './script.js';

/**
 * A machine reading of a script with Debian's espeak-ng and its Vietnamese voice, for announcers who
 * want to hear the rhythm or for a commune without an announcer on duty. It is optional: the
 * engine is looked for when asked, and without it the script alone is offered. Every file says it
 * is machine-read: aloud in its first sentence, in its name and in its WAV metadata.
 */
const run = promisify(execFile);

export const MACHINE_NOTICE = 'Đây là bản đọc tự động bằng máy.';
export const MISSING_MESSAGE =
  'Máy chủ chưa cài phần mềm đọc tiếng Việt (espeak-ng), nên chưa tạo được bản đọc máy. Kịch bản vẫn dùng được bình thường; quản trị viên có thể cài bằng lệnh: apt-get install espeak-ng.';

export interface TtsStatus {
  available: boolean;
  engine: 'espeak-ng';
  version: string | null;
  message: string;
}

export interface Tts {
  status(): Promise<TtsStatus>;
  /** A WAV file of the script read by the machine; Unavailable without espeak-ng. */
  wav(script: RadioScript): Promise<Buffer>;
}

/** RIFF INFO list: INAM (title), ICMT (comment), ISFT (software), each NUL-terminated, even length. */
function infoChunk(fields: Record<'INAM' | 'ICMT' | 'ISFT', string>): Buffer {
  const parts = Object.entries(fields).map(([id, value]) => {
    const text = Buffer.from(`${value}\0`, 'utf8');
    const padded = text.length % 2 ? Buffer.concat([text, Buffer.alloc(1)]) : text;
    const header = Buffer.alloc(8);
    header.write(id, 0, 'ascii');
    header.writeUInt32LE(text.length, 4);
    return Buffer.concat([header, padded]);
  });
  const body = Buffer.concat([Buffer.from('INFO', 'ascii'), ...parts]);
  const header = Buffer.alloc(8);
  header.write('LIST', 0, 'ascii');
  header.writeUInt32LE(body.length, 4);
  return Buffer.concat([header, body]);
}

/** Appends the INFO list to a WAV and fixes the RIFF size. */
export function labelWav(wav: Buffer, fields: Record<'INAM' | 'ICMT' | 'ISFT', string>): Buffer {
  if (wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') throw new Error('radio: espeak-ng did not write a WAV file');
  const out = Buffer.concat([wav, infoChunk(fields)]);
  out.writeUInt32LE(out.length - 8, 4);
  return out;
}

/** The text the machine reads: the notice, then each part, a blank line between parts. */
export function machineText(script: RadioScript): string {
  return [MACHINE_NOTICE, ...script.sections.map((s) => s.sentences.join('\n'))].join('\n\n');
}

export function createTts(command = 'espeak-ng'): Tts {
  // A found engine is remembered; a missing one is looked for again, so installing it needs no restart.
  let found: Promise<TtsStatus> | undefined;
  const status = async (): Promise<TtsStatus> => {
    if (found) return found;
    const s = await probe();
    if (s.available) found = Promise.resolve(s);
    return s;
  };
  const probe = () =>
    (run(command, ['--version'], { timeout: 10_000 }).then(
      async ({ stdout }) => {
        const version = /text-to-speech:\s*([\d.]+)/.exec(stdout)?.[1] ?? null;
        const voices = await run(command, ['--voices=vi'], { timeout: 10_000 }).then((r) => r.stdout, () => '');
        if (!/\bvi\b/.test(voices)) {
          return { available: false, engine: 'espeak-ng' as const, version, message: 'espeak-ng đã cài nhưng thiếu giọng tiếng Việt (vi), nên chưa tạo được bản đọc máy.' };
        }
        return { available: true, engine: 'espeak-ng' as const, version, message: `Có bản đọc máy (espeak-ng ${version ?? ''}, giọng tiếng Việt), đánh dấu rõ là máy đọc.`.replace(' ,', ',') };
      },
      () => ({ available: false, engine: 'espeak-ng' as const, version: null, message: MISSING_MESSAGE }),
    ));

  return {
    status,
    async wav(script) {
      const s = await status();
      if (!s.available) throw new Unavailable(s.message);
      const dir = await mkdtemp(join(tmpdir(), 'radio-'));
      try {
        const out = join(dir, 'script.wav');
        await new Promise<void>((resolve, reject) => {
          const child = spawn(command, ['-v', 'vi', '-s', String(WORDS_PER_MINUTE), '-w', out, '--stdin'], { stdio: ['pipe', 'ignore', 'pipe'] });
          let stderr = '';
          child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
          child.on('error', reject);
          child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`espeak-ng exited with ${code}: ${stderr.slice(0, 200)}`))));
          child.stdin.end(machineText(script), 'utf8');
        });
        return labelWav(await readFile(out), {
          INAM: script.title,
          ICMT: `Bản đọc tự động bằng máy (espeak-ng), không phải giọng phát thanh viên. ${script.communeName}.`,
          ISFT: `espeak-ng ${s.version ?? ''}`.trim(),
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
