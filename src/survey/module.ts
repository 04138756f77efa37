import type { Router } from 'express';
import type { Catalog } from '../catalog/catalog.js';
import type { ChatHandler } from '../chat/context.js';
import type { Database, Executor } from '../store/database.js';
import type { StaffRouter } from '../staff/guard.js';
import type { PetitionRow } from '../petitions/repo.js';
import { surveyChatHandler } from './chat-flow.js';
import { inviteAfterClose } from './invite.js';
import { surveyRoutes } from './routes.js';

/** The SIPAS-style satisfaction survey: by chat after a closed petition, by the desk's QR code, in the Mini App. */
export function createSurveyModule(o: { database: Database; catalog: Catalog; clock: () => Date; staff: StaffRouter; publicBaseUrl: string }): {
  chatHandler: ChatHandler;
  publicRouter: Router;
  onPetitionClosed: (tx: Executor, p: PetitionRow, now: Date) => Promise<void>;
} {
  return {
    chatHandler: surveyChatHandler({ catalog: o.catalog }),
    publicRouter: surveyRoutes({ db: o.database.db, catalog: o.catalog, clock: o.clock, staff: o.staff, publicBaseUrl: o.publicBaseUrl }),
    onPetitionClosed: async (tx, p, now) => {
      await inviteAfterClose(tx, p, now);
    },
  };
}
