'use strict';
// autocannon setupRequest (runs in autocannon's worker thread, so signing costs the load generator,
// not the server): every request is a distinct user_send_text event (fresh msg_id, a user from a
// pool, a question from the shared set), signed as Zalo signs: hex SHA-256 of
// app_id + raw body + timestamp + OA secret key (see src/zalo/signature.ts).
const { createHash, randomBytes } = require('node:crypto');
const { workerData } = require('node:worker_threads');

const s = workerData && workerData.opts && workerData.opts.benchSigning;
const prefix = randomBytes(6).toString('hex');
let n = 0;

module.exports = function setupRequest(req) {
  if (!s) throw new Error('bench: benchSigning options missing (run through bench/webhook.ts)');
  n += 1;
  const timestamp = String(Date.now());
  const user = s.userPrefix + String(n % s.users).padStart(19 - s.userPrefix.length, '0');
  const body = JSON.stringify({
    app_id: s.appId,
    user_id_by_app: '1' + user.slice(1),
    event_name: 'user_send_text',
    timestamp,
    sender: { id: user },
    recipient: { id: s.oaId },
    message: { text: s.texts[n % s.texts.length], msg_id: `${prefix}${n.toString(16).padStart(12, '0')}` },
  });
  const mac = createHash('sha256').update(s.appId).update(body).update(timestamp).update(s.oaSecretKey).digest('hex');
  req.method = 'POST';
  req.path = '/webhooks/zalo';
  req.body = body;
  req.headers = { 'content-type': 'application/json', 'x-zevent-signature': `mac=${mac}` };
  return req;
};
