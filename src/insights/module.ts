import type { Database } from '../store/database.js';
import type { Catalog } from '../catalog/catalog.js';
import type { StaffRouter } from '../staff/guard.js';
import type { TickTask } from '../jobs/scheduler.js';
import { createAliasSync } from './aliases.js';
import { insightsRoutes } from './routes.js';

/** Insights for the commune: unanswered questions → a better catalog, satisfaction, the report. */
export async function createInsightsModule(o: { database: Database; catalog: Catalog; clock: () => Date; staff: StaffRouter; contentDir: string }) {
  insightsRoutes({ db: o.database.db, catalog: o.catalog, clock: o.clock, staff: o.staff, contentDir: o.contentDir });
  const aliasSync = createAliasSync(o.database.db, o.catalog);
  // Learned aliases are in the search before the first question is answered.
  await aliasSync.run();
  const tasks: TickTask[] = [aliasSync];
  return { tasks };
}
