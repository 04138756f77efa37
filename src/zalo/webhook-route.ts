import { createHash } from 'node:crypto';
import express, { Router } from 'express';
import type { Logger } from 'pino';
import type { Executor } from '../store/database.js';
import { storeInboundEvent } from './inbox-repo.js';
import { createInboxWriter } from './inbox-writer.js';
import type { AckGauge } from '../jobs/ack-gauge.js';
import { eventDedupeKey, eventNeedsHandling, eventOaId, eventUserId, parseWebhookEvent, ZaloEventError, type WebhookEvent } from './events.js';
import { verifyWebhookRequest } from './signature.js';
import { countForeignAppEvent, countSignatureFailure } from './channel-state.js';

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
  /** Counts the requests received, so answering steps aside during a flood (see ack-gauge). */
  acks?: AckGauge;
  maxBodyBytes?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function fail(res: express.Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/**
 * POST /webhooks/zalo: verify the signature over the raw bytes, parse, store, then answer 200.
 * Nothing is processed here (that is the inbox worker's job), so the answer is fast, and nothing
 * is acknowledged that is not stored: requests wait for the commit of the batch their event joined
 * (group commit). A redelivery answers 200 and is not stored twice.
 *
 * Every correctly signed event gets 200: after repeated non-200 answers Zalo disables the webhook
 * and unsubscribes the app (reference §2). What we cannot read (a payload not shaped as we expect,
 * bytes that are not UTF-8, another app's event) is parked: kept in the database with the reason,
 * counted in /healthz and listed in the console. Requests whose signature does not verify are
 * refused (401) and counted: many of them mean a wrong OA secret key, or someone knocking.
 */
export function zaloWebhookRoutes(o: WebhookRouteOptions): Router {
  const router = Router();
  const writer = createInboxWriter({ db: o.db });
  router.post('/webhooks/zalo', express.raw({ type: () => true, limit: o.maxBodyBytes ?? 256 * 1024 }), async (req, res) => {
    o.acks?.arrived();
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
      await countSignatureFailure(o.db, o.clock());
      if (verification.reason === 'invalid_body') return fail(res, 400, 'invalid_body', 'Body is not valid JSON.');
      return fail(res, 401, verification.reason, 'Signature or timestamp is not valid.');
    }
    const park = async (reason: string, eventName: string, payload: string) => {
      const stored = await storeInboundEvent(o.db, {
        dedupeKey: `parked:${createHash('sha256').update(raw).digest('hex')}`,
        eventName,
        userId: null,
        communeId: null,
        payload,
        now: o.clock(),
        parkedBecause: reason,
      });
      o.log.warn({ eventName, reason, duplicate: !stored }, 'webhook event parked');
      res.status(200).json({ ok: true, parked: true });
    };

    let text: string;
    try {
      text = utf8.decode(raw);
    } catch {
      return park('body is not valid UTF-8', 'unknown', `base64:${raw.toString('base64')}`);
    }
    let event: WebhookEvent;
    try {
      event = parseWebhookEvent(verification.body);
    } catch (err) {
      if (!(err instanceof ZaloEventError)) throw err;
      // Paths and zod messages only (ZaloEventError never echoes values, which may be personal data).
      return park(`unreadable: ${err.issues.join('; ')}`, err.eventName ?? 'unknown', text);
    }
    if (event.appId !== o.appId) {
      await countForeignAppEvent(o.db, o.clock());
      return park(`app_id ${event.appId} is not this app's`, event.eventName, text);
    }
    const userId = eventUserId(event) ?? null;
    const oaId = eventOaId(event);
    const communeId = oaId === undefined ? undefined : await o.communeOfOa(oaId);
    // An OA this deployment does not serve (yet): parked (kept for the operator, acknowledged, since
    // Zalo disables a webhook that fails), never answered.
    if (oaId !== undefined && communeId === undefined) return park(`unknown OA ${oaId}`, event.eventName, text);
    const handled = eventNeedsHandling(event) && userId !== null;
    const stored = await writer.store({
      dedupeKey: eventDedupeKey(event),
      eventName: event.eventName,
      userId,
      communeId: communeId ?? null,
      payload: text,
      now: o.clock(),
      ignored: !handled,
    });
    o.log.info({ eventName: event.eventName, communeId, duplicate: !stored }, 'webhook stored');
    res.status(200).json({ ok: true });
    if (stored && handled) o.onStored?.();
  });
  return router;
}
