import type { Deps } from '../deps.ts';
import type { App } from '../http/app-type.ts';
import { adminRoutes } from './admin/routes.ts';
import { attemptRoutes } from './attempts/routes.ts';
import { catalogRoutes } from './catalog/routes.ts';
import { customerRoutes } from './customers/routes.ts';
import { escalationRoutes } from './escalations/routes.ts';
import { eventRoutes } from './events/routes.ts';
import { exceptionRoutes } from './exceptions/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { outageRoutes } from './outages/routes.ts';
import { reportRoutes } from './reports/routes.ts';
import { jobRoutes } from './jobs/routes.ts';
import { permissionRoutes } from './permissions/routes.ts';
import { presenceRoutes } from './presence/routes.ts';
import { promiseRoutes } from './promises/routes.ts';
import { transferRoutes } from './transfers/routes.ts';
import { taskRoutes } from './tasks/routes.ts';
import { teamRoutes } from './teams/routes.ts';
import { userRoutes } from './users/routes.ts';

/** Every feature's routes, one line each. */
export async function registerModules(app: App, deps: Deps) {
  await healthRoutes(app, deps);
  await userRoutes(app, deps);
  await jobRoutes(app, deps);
  await escalationRoutes(app, deps);
  await catalogRoutes(app, deps);
  await adminRoutes(app, deps);
  await outageRoutes(app, deps);
  await reportRoutes(app, deps);
  await eventRoutes(app, deps);
  await presenceRoutes(app, deps);
  await transferRoutes(app, deps);
  await permissionRoutes(app, deps);
  await exceptionRoutes(app, deps);
  await taskRoutes(app, deps);
  await customerRoutes(app, deps);
  await teamRoutes(app, deps);
  await attemptRoutes(app, deps);
  await promiseRoutes(app, deps);
}
