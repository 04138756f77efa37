import type { Database } from '../store/database.js';
import type { Catalog } from '../catalog/catalog.js';
import type { StaffRouter } from '../staff/guard.js';
import type { TickTask } from '../jobs/scheduler.js';
import { createTeachingSync } from './teaching.js';
import { insightsRoutes } from './routes.js';

/** Insights for the commune: unanswered questions → a better catalog, satisfaction, the report. */
export async function createInsightsModule(o: { database: Database; catalog: Catalog; clock: () => Date; staff: StaffRouter; contentDir: string }) {
  insightsRoutes({ db: o.database.db, catalog: o.catalog, clock: o.clock, staff: o.staff, contentDir: o.contentDir });
  const teachingSync = createTeachingSync(o.database.db, o.catalog);
  // What staff taught is in the search before the first question is answered.
  await teachingSync.run();
  const tasks: TickTask[] = [teachingSync];
  return { tasks };
}
