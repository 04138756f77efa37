import { parentPort } from 'node:worker_threads';
import { threadData } from '../ts-worker.js';
import { fitSaved, type LabelModelOptions, type PreparedTraining } from './label-model.js';

/** Learns the model from what the main thread prepared, sends it back, and ends. */
const { prepared, options } = threadData<{ prepared: PreparedTraining; options: LabelModelOptions }>();
parentPort!.postMessage(fitSaved(prepared, options));
