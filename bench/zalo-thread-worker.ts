import { parentPort } from 'node:worker_threads';
import { threadData } from '../src/ts-worker.js';
import { startZaloSandbox } from '../src/zalo/sandbox.js';

/**
 * The Zalo sandbox on a thread of its own (see zalo-thread.ts): authorises the OAs it is given,
 * posts its address and their token pairs, and closes when told.
 */
const { oaIds } = threadData<{ oaIds: string[] }>();
const sandbox = await startZaloSandbox({ oaId: oaIds[0] });
const tokens = Object.fromEntries(oaIds.map((id) => [id, sandbox.addOa(id)]));
parentPort!.postMessage({ url: sandbox.url, appId: sandbox.appId, appSecret: sandbox.appSecret, oaSecretKey: sandbox.oaSecretKey, tokens });
parentPort!.once('message', async () => {
  await sandbox.close();
  parentPort!.postMessage('closed');
});
