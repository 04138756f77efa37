import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SoftmaxState } from './softmax-regression.js';
import type { VectorizerState } from './vectorizer.js';

/** Everything a trained label model consists of. */
export interface SavedLabelModel {
  labels: string[];
  vectorizer: VectorizerState;
  softmax: SoftmaxState;
}

/** Where trained models are kept between runs, keyed by a hash of what they were trained on. */
export const DEFAULT_MODEL_CACHE_DIR = join(tmpdir(), 'tro-ly-hanh-chinh-model-cache');
/** Older models are deleted beyond this many: each is a few megabytes. */
const KEEP = 8;

/**
 * Layout: 4 bytes header length, a JSON header (labels, feature options, sizes), then the feature
 * keys (uint32) and the idf, bias and weight arrays (float32), little-endian.
 */
function encode(model: SavedLabelModel): Buffer {
  const header = Buffer.from(
    JSON.stringify({
      labels: model.labels,
      features: model.vectorizer.features,
      featureCount: model.vectorizer.keys.length,
      classCount: model.softmax.classCount,
    }),
  );
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const bytes = (a: Float32Array | Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return Buffer.concat([length, header, bytes(model.vectorizer.keys), bytes(model.vectorizer.idf), bytes(model.softmax.bias), bytes(model.softmax.weights)]);
}

function decode(buffer: Buffer): SavedLabelModel {
  const headerLength = buffer.readUInt32LE(0);
  const header = JSON.parse(buffer.subarray(4, 4 + headerLength).toString('utf8')) as {
    labels: string[];
    features: VectorizerState['features'];
    featureCount: number;
    classCount: number;
  };
  // Copy into an aligned buffer: typed arrays need offsets that are multiples of 4.
  const body = buffer.buffer.slice(buffer.byteOffset + 4 + headerLength, buffer.byteOffset + buffer.length);
  const F = header.featureCount;
  const C = header.classCount;
  if (body.byteLength !== 4 * (2 * F + C + F * C)) throw new Error('model-cache: size does not match the header');
  return {
    labels: header.labels,
    vectorizer: { features: header.features, keys: new Uint32Array(body, 0, F), idf: new Float32Array(body, 4 * F, F) },
    softmax: { classCount: C, bias: new Float32Array(body, 8 * F, C), weights: new Float32Array(body, 4 * (2 * F + C), F * C) },
  };
}


/** A saved model for this training-data hash, or undefined (also when the file is damaged). */
export function readCachedModel(dir: string, hash: string): SavedLabelModel | undefined {
  try {
    return decode(readFileSync(join(dir, `${hash}.model`)));
  } catch {
    return undefined;
  }
}

/** Saves atomically (write, then rename) and keeps only the newest few models. Never throws. */
export function writeCachedModel(dir: string, hash: string, model: SavedLabelModel): void {
  try {
    mkdirSync(dir, { recursive: true });
    const temp = join(dir, `${hash}.${process.pid}.tmp`);
    writeFileSync(temp, encode(model));
    renameSync(temp, join(dir, `${hash}.model`));
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.model'))
      .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const old of files.slice(KEEP)) unlinkSync(join(dir, old.f));
  } catch {
    // A cache that cannot be written only costs the next start its training time.
  }
}
