import { Router } from 'express';
import { z } from 'zod';
import { parseOrThrow } from '../http/validate.js';
import { audit } from '../staff/audit.js';
import { currentStaff, type StaffRouter } from '../staff/guard.js';
import type { Commune, CommuneRegistry } from './registry.js';
import type { Commune as CommuneProfile } from '../catalog/schema.js';
import { hotlineSchema } from './seed.js';

/** What residents' apps and other services may know of a commune. */
export function publicCommune(c: Commune) {
  return { id: c.id, name: c.name, provinceId: c.provinceId, oaId: c.oaId, example: c.example };
}

const tokenPair = z.object({ accessToken: z.string().min(10).max(2000), refreshToken: z.string().min(10).max(2000) });
const newCommuneBody = z.object({
  id: z.string().trim().min(1, 'Cần mã xã.').max(64),
  name: z.string().trim().min(1, 'Cần tên xã.').max(200),
  provinceId: z.string().trim().min(1, 'Cần mã tỉnh.').max(64),
  oaId: z.string().trim().min(1, 'Cần mã OA.').max(25),
  /** The commune's own hotline, so its residents are never given another commune's number. */
  hotline: hotlineSchema.optional(),
  /** The OA's token pair, when the OA was authorised outside this service. */
  tokens: tokenPair.optional(),
});

export interface CommuneRoutesOptions {
  communes: CommuneRegistry;
  staff: StaffRouter;
  /** Stores a new commune's OA tokens (a pair given with the form or the CLI). */
  seedTokens: (communeId: string, pair: { accessToken: string; refreshToken: string }) => Promise<void>;
  clock: () => Date;
  /** The stored profile of a commune added with its hotline (the rest "not yet updated"). */
  profileWithHotline: (commune: { id: string; name: string; oaId: string }, hotline: string) => CommuneProfile;
}

/**
 * `GET /api/communes` (public: id, name, province, OA id) and the province admin's commune
 * management: list and add. A commune added here is served at once by every instance (they
 * re-read the registry), without a restart.
 */
export function communeRoutes(o: CommuneRoutesOptions): Router {
  const router = Router();
  router.get('/api/communes', async (_req, res) => {
    const list = await o.communes.list();
    res.json({ items: list.filter((c) => c.active).map(publicCommune) });
  });

  o.staff.get('/api/admin/communes', ['province_admin'], async (_req, res) => {
    res.json({ items: (await o.communes.list()).map((c) => ({ ...publicCommune(c), active: c.active })) });
  });

  o.staff.post('/api/admin/communes', ['province_admin'], async (req, res) => {
    const body = parseOrThrow(newCommuneBody, req.body);
    const added = { id: body.id, name: body.name, provinceId: body.provinceId, oaId: body.oaId };
    const profile = body.hotline ? o.profileWithHotline(added, body.hotline) : undefined;
    const commune = await o.communes.add({ ...added, profile });
    if (body.tokens) await o.seedTokens(commune.id, body.tokens);
    await audit(o.communes.db, currentStaff(res), 'commune.create', { type: 'commune', id: commune.id }, o.clock(), { oaId: commune.oaId });
    res.status(201).json(publicCommune(commune));
  });
  return router;
}
