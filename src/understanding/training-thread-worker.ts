import { parentPort, workerData } from 'node:worker_threads';
import { fitSaved, type LabelModelOptions, type PreparedTraining } from './label-model.js';

/** Learns the model from what the main thread prepared, sends it back, and ends. */
const { prepared, options } = workerData as { prepared: PreparedTraining; options: LabelModelOptions };
parentPort!.postMessage(fitSaved(prepared, options));
