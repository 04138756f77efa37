import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Catalog } from '../catalog/catalog.js';
import { NotFound } from '../errors.js';
import type { Commune, CommuneRegistry } from './registry.js';

/**
 * The commune an HTTP request acts for, carried through the request's async work. Set once per
 * request: by the staff guard (the staff member's commune) and by `residentCommune` (the commune
 * in the URL). Only the catalog view reads it implicitly (the commune's profile on pages, prints,
 * API answers); database queries filter by `communeScope(res)` / `residentCommuneId(res)` explicitly.
 */
const requestCommune = new AsyncLocalStorage<{ communeId: string }>();

export function runInCommune<T>(communeId: string, fn: () => T): T {
  return requestCommune.run({ communeId }, fn);
}

export function currentRequestCommuneId(): string | undefined {
  return requestCommune.getStore()?.communeId;
}

/**
 * A catalog whose profile is the current request's commune (the first commune outside a request:
 * background jobs). Procedures, index and model are the shared ones.
 */
export function requestScopedCatalog(catalogOf: (communeId: string | undefined) => Catalog, base: Catalog): Catalog {
  return Object.create(base, {
    current: {
      get: () => catalogOf(currentRequestCommuneId()).current,
    },
  }) as Catalog;
}

/** Resident-facing paths that exist once per commune: `/api/communes/:commune/<path>` and `/c/:commune/<path>`. */
const SCOPED_API = /^\/api\/communes\/([a-z0-9-]+)\/(commune|news|subscriptions|petitions|quizzes|survey)(?=[/?]|$)/;
const SCOPED_PAGES = /^\/c\/([a-z0-9-]+)\/(tin|feed\.xml|phan-anh-da-tra-loi|danh-gia)(?=[/?]|$)/;

/**
 * Resident routes take the commune from the URL (`/api/communes/xa-a/news` is `/api/news` for
 * xa-a; `/c/xa-a/tin/…` is `/tin/…`); the old unprefixed URLs are the first commune's. Unknown
 * communes are a 404 before any route runs. The commune is kept in `res.locals.commune`.
 */
export function residentCommune(communes: CommuneRegistry): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const m = SCOPED_API.exec(req.url) ?? SCOPED_PAGES.exec(req.url);
    let commune: Commune | undefined;
    if (m) {
      commune = await communes.byId(m[1]!);
      if (!commune || !commune.active) throw new NotFound(`Không tìm thấy xã "${m[1]}".`);
      req.url = req.url.startsWith('/api/') ? `/api/${req.url.slice(m[0].length - m[2]!.length)}` : `/${req.url.slice(m[0].length - m[2]!.length)}`;
    } else {
      commune = communes.loaded[0];
    }
    if (!commune) return next();
    res.locals.commune = commune;
    runInCommune(commune.id, next);
  };
}

/** The commune of a resident request (from its URL; the first commune for the old URLs). */
export function residentCommuneId(res: Response): string {
  const commune = res.locals.commune as Commune | undefined;
  if (!commune) throw new NotFound('Chưa có xã nào được khai báo.');
  return commune.id;
}
