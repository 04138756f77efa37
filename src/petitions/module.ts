import { Router } from 'express';
import type { FeedItem } from '../news/feed.js';
import { PUBLISHED_PAGE_PATH, publishedFeedItems } from './published.js';
import { publishedPageRoutes } from './published-page.js';
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog.js';
import type { Config } from '../config.js';
import type { Database, Executor } from '../store/database.js';
import type { StaffRouter } from '../staff/guard.js';
import type { ChatHandler } from '../chat/context.js';
import type { RecurringJob, TickTask } from '../jobs/scheduler.js';
import { petitionChatHandler } from './chat-flow.js';
import { CONTACT_CARD_PATH } from './contact-card.js';
import { petitionDeskRoutes } from './desk-routes.js';
import { createDraftTask } from './drafts.js';
import { residentIdentityFor } from '../zalo/resident-identity.js';
import { dailySummaryJob, notifyNewPetition } from './notices.js';
import { petitionPublicRoutes } from './public-routes.js';
import type { PetitionRow } from './repo.js';
import { readPetitionSettings, type PetitionSettings } from './settings.js';

export interface PetitionsModuleDeps {
  config: Config;
  database: Database;
  catalog: Catalog;
  log: Logger;
  clock: () => Date;
  /** Guarded staff routes are added here (they are recorded for the security test). */
  staff: StaffRouter;
  /** Wakes the outbox after queuing messages outside a webhook event. */
  wakeOutbox: () => void;
  /** A petition was closed (inside its transaction). */
  onClosed?: (tx: Executor, p: PetitionRow, now: Date) => Promise<void>;
}

/** What the petitions capability plugs into the app. */
export interface PetitionsModule {
  /** Runs before the menu and assistant handlers in the conversation. */
  chatHandler: ChatHandler;
  /** Public routes (/api/petitions…). */
  publicRouter: Router;
  jobs: RecurringJob[];
  tasks: TickTask[];
  /** The latest published answers as news-feed items. */
  publishedFeed: (limit: number, communeId: string) => Promise<FeedItem[]>;
}

/** Feedback and petitions: intake by chat and form, tracking codes, the one-stop desk, answers back. */
export function createPetitionsModule(deps: PetitionsModuleDeps): PetitionsModule {
  return createPetitions(deps, readPetitionSettings(process.env));
}

/** The same, with settings given (createPetitionsModule reads them from PETITION_* variables). */
export function createPetitions(deps: PetitionsModuleDeps, settings: PetitionSettings): PetitionsModule {
  const { config, database, catalog, log, clock, staff, wakeOutbox } = deps;


  const onCreated = async (tx: Executor, p: PetitionRow): Promise<void> => {
    await notifyNewPetition(tx, p, clock());
    // Codes and categories only: never the resident's words, name or phone.
    log.info({ petition: p.code, channel: p.channel, category: p.category }, 'petition received');
  };

  petitionDeskRoutes({ database, catalog, clock, staff, wakeOutbox, onClosed: deps.onClosed });
  const publishedUrl = (code: string) => `${config.http.publicBaseUrl}${PUBLISHED_PAGE_PATH}/${code}`;

  return {
    chatHandler: petitionChatHandler({
      catalog,
      contactImageUrl: settings.contactImageUrl ?? `${config.http.publicBaseUrl}${CONTACT_CARD_PATH}`,
      onCreated,
    }),
    publicRouter: Router().use(publishedPageRoutes({ db: database.db, catalog }), petitionPublicRoutes({
      database,
      catalog,
      log,
      clock,
      settings,
      residentOf: residentIdentityFor(config, clock),
      onCreated,
      wakeOutbox,
    })),
    publishedFeed: (limit, communeId) => publishedFeedItems(database.db, limit, publishedUrl, communeId),
    jobs: [dailySummaryJob({ db: database.db, cron: settings.summaryCron, clock, wakeOutbox })],
    tasks: [createDraftTask({ database, log, remindAfterMs: settings.remindAfterMs, draftLifetimeMs: settings.draftLifetimeMs, wakeOutbox })],
  };
}
