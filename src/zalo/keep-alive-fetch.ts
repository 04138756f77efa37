import http from 'node:http';
import https from 'node:https';
import type { FetchedResponse, FetchLike } from './transport.js';

/**
 * The default way to reach Zalo: node's own HTTP client over kept-alive connections. Every reply
 * to a resident is one call to the OA API, and the global fetch (undici's WHATWG layer: streams,
 * Request and Response objects) costs about twice the CPU per call of a plain request measured on
 * this machine; the calls carry small JSON both ways and need none of that. Sockets are reused
 * across calls (Zalo's API and the sandbox are a handful of hosts).
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 32 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 32 }),
};

export const keepAliveFetch: FetchLike = (input, init = {}) =>
  new Promise<FetchedResponse>((resolve, reject) => {
    const url = typeof input === 'string' ? new URL(input) : input;
    const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : undefined;
    if (!client) return reject(new TypeError(`unsupported protocol ${url.protocol}`));
    const headers = { ...(init.headers as Record<string, string> | undefined) };
    const body = typeof init.body === 'string' ? Buffer.from(init.body, 'utf8') : undefined;
    if (body) headers['content-length'] = String(body.length);
    const req = client.request(
      url,
      { method: init.method ?? 'GET', headers, agent: agents[url.protocol as 'http:' | 'https:'], signal: init.signal ?? undefined },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, text: async () => text });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
