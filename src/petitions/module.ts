import { Router } from 'express';
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog.js';
import type { Config } from '../config.js';
import type { Database } from '../store/database.js';
import type { StaffRouter } from '../staff/guard.js';
import type { ChatHandler } from '../assistant/conversation.js';
import type { RecurringJob, TickTask } from '../jobs/scheduler.js';

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
}

/** What the petitions capability plugs into the app. */
export interface PetitionsModule {
  /** Runs before the menu and assistant handlers in the conversation. */
  chatHandler: ChatHandler;
  /** Public routes (/api/petitions…). */
  publicRouter: Router;
  jobs: RecurringJob[];
  tasks: TickTask[];
}

/** Feedback and petitions: intake by chat and form, tracking codes, the one-stop desk, answers back. */
export function createPetitionsModule(_deps: PetitionsModuleDeps): PetitionsModule {
  return { chatHandler: (_ctx, next) => next(), publicRouter: Router(), jobs: [], tasks: [] };
}
