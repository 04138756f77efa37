import { startTsWorker } from '../ts-worker.js';
import type { SavedLabelModel } from './model-cache.js';
import type { LabelModelOptions, PreparedTraining } from './label-model.js';

/**
 * Runs `fitSaved` (label-model.ts) on a worker thread and returns what it learned. Rejects if the
 * thread fails to start or dies; the caller then trains on its own thread.
 */
export function fitOnTrainingThread(prepared: PreparedTraining, options: LabelModelOptions): Promise<SavedLabelModel> {
  return new Promise((resolve, reject) => {
    const worker = startTsWorker(new URL('./training-thread-worker.ts', import.meta.url), { prepared, options });
    let done = false;
    worker.once('message', (saved: SavedLabelModel) => {
      done = true;
      resolve(saved);
      void worker.terminate();
    });
    worker.once('error', (err) => {
      done = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`training thread exited with code ${code} before answering`));
    });
  });
}
