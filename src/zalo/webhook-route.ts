import express, { Router } from 'express';
import type { Logger } from 'pino';
import type { Executor } from '../store/database.js';
import { storeInboundEvent } from './inbox-repo.js';
import { eventDedupeKey, eventOaId, eventUserId, parseWebhookBody, ZaloEventError } from './events.js';
import { verifyWebhookRequest } from './signature.js';

export interface WebhookRouteOptions {
  db: Executor;
  log: Logger;
  appId: string;
  oaSecretKey: string;
  /** How old a delivery may be (Zalo redelivers for hours). */
  windowMs: number;
  clock: () => Date;
  /** The commune whose OA this is (events are routed by `recipient.id`), undefined for an OA not served. */
  communeOfOa: (oaId: string) => Promise<string | undefined>;
  /** Called after a new event is stored, to wake the inbox worker. */
  onStored?: () => void;
  maxBodyBytes?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function fail(res: express.Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/**
 * POST /webhooks/zalo: verify the signature over the raw bytes, parse, store, then answer 200.
 * Nothing is processed here (that is the inbox worker's job), so the answer is fast, and nothing
 * is acknowledged that is not stored. A redelivery answers 200 and is not stored twice.
 */
export function zaloWebhookRoutes(o: WebhookRouteOptions): Router {
  const router = Router();
  router.post('/webhooks/zalo', express.raw({ type: () => true, limit: o.maxBodyBytes ?? 256 * 1024 }), async (req, res) => {
    const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const verification = verifyWebhookRequest({
      headers: req.headers,
      rawBody: raw,
      appId: o.appId,
      oaSecretKey: o.oaSecretKey,
      nowMs: o.clock().getTime(),
      windowMs: o.windowMs,
    });
    if (!verification.ok) {
      o.log.warn({ reason: verification.reason }, 'webhook rejected');
      if (verification.reason === 'invalid_body') return fail(res, 400, 'invalid_body', 'Body is not valid JSON.');
      return fail(res, 401, verification.reason, 'Signature or timestamp is not valid.');
    }
    let text: string;
    try {
      text = utf8.decode(raw);
    } catch {
      return fail(res, 400, 'invalid_encoding', 'Body is not valid UTF-8.');
    }
    let event;
    try {
      event = parseWebhookBody(text);
    } catch (err) {
      if (err instanceof ZaloEventError) {
        o.log.warn({ eventName: err.eventName, issues: err.issues }, 'webhook event unreadable');
        return fail(res, 400, 'invalid_event', 'Event does not match the documented shape.');
      }
      throw err;
    }
    const userId = eventUserId(event) ?? null;
    const oaId = eventOaId(event);
    const communeId = oaId === undefined ? undefined : await o.communeOfOa(oaId);
    // An OA this deployment does not serve (yet): kept, acknowledged (Zalo disables a webhook that
    // fails), not answered. Its commune may be added later; the event stays for the operator.
    const handled = event.kind !== 'other' && userId !== null && communeId !== undefined;
    const stored = await storeInboundEvent(o.db, {
      dedupeKey: eventDedupeKey(event),
      eventName: event.eventName,
      userId,
      communeId: communeId ?? null,
      payload: text,
      now: o.clock(),
      ignored: !handled,
      ...(communeId === undefined && oaId !== undefined ? { note: `unknown OA ${oaId}` } : {}),
    });
    o.log.info({ eventName: event.eventName, communeId, duplicate: !stored }, 'webhook stored');
    res.status(200).json({ ok: true });
    if (stored && handled) o.onStored?.();
  });
  return router;
}
