import type { Router } from 'express';
import type { Catalog } from '../catalog/catalog.js';
import type { ChatHandler } from '../chat/context.js';
import type { Database } from '../store/database.js';
import type { StaffRouter } from '../staff/guard.js';
import type { ResidentIdentity } from '../zalo/resident-identity.js';
import { quizChatHandler } from './chat-flow.js';
import { quizRoutes } from './routes.js';
import type { QuizLinks } from './scoring.js';

/** Reform quizzes (thi tìm hiểu về cải cách hành chính): staff routes, the Mini App API, the chat flow. */
export function createQuizModule(o: { database: Database; catalog: Catalog; clock: () => Date; staff: StaffRouter; links: QuizLinks; residentOf: ResidentIdentity }): {
  chatHandler: ChatHandler;
  publicRouter: Router;
} {
  return {
    chatHandler: quizChatHandler({ catalog: o.catalog, links: o.links }),
    publicRouter: quizRoutes({ db: o.database.db, catalog: o.catalog, clock: o.clock, staff: o.staff, links: o.links, residentOf: o.residentOf }),
  };
}
