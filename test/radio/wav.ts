/** The chunks of a RIFF WAVE file, as a test reads them back. */
export interface WavFile {
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  seconds: number;
  /** Root mean square of the samples, 0..1: above ~0.01 something is audible. */
  rms: number;
  info: Record<string, string>;
}

export function readWav(bytes: Buffer): WavFile {
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a WAV file');
  if (bytes.readUInt32LE(4) !== bytes.length - 8) throw new Error('RIFF size does not match the file');
  let offset = 12;
  let fmt: Buffer | undefined;
  let data: Buffer | undefined;
  const info: Record<string, string> = {};
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = bytes.subarray(offset + 8, offset + 8 + size);
    if (id === 'fmt ') fmt = body;
    if (id === 'data') data = body;
    if (id === 'LIST' && body.toString('ascii', 0, 4) === 'INFO') {
      let p = 4;
      while (p + 8 <= body.length) {
        const key = body.toString('ascii', p, p + 4);
        const len = body.readUInt32LE(p + 4);
        info[key] = body.toString('utf8', p + 8, p + 8 + len).replace(/\0+$/, '');
        p += 8 + len + (len % 2);
      }
    }
    offset += 8 + size + (size % 2);
  }
  if (!fmt || !data) throw new Error('WAV without fmt or data chunk');
  const channels = fmt.readUInt16LE(2);
  const sampleRate = fmt.readUInt32LE(4);
  const byteRate = fmt.readUInt32LE(8);
  const bitsPerSample = fmt.readUInt16LE(14);
  let sum = 0;
  const samples = Math.floor(data.length / 2);
  for (let i = 0; i < samples; i++) sum += (data.readInt16LE(i * 2) / 32768) ** 2;
  return { channels, sampleRate, bitsPerSample, seconds: data.length / byteRate, rms: Math.sqrt(sum / Math.max(1, samples)), info };
}
