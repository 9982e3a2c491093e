import type { Deps } from '../../deps.ts';
import { listCustomerEscalations } from '../escalations/service.ts';
import type { Actor } from '../../http/auth.ts';
import { notFound } from '../../lib/errors.ts';
import { mustHaveWorkForCustomer } from '../tasks/policy.ts';
import { countTasks, listTasks } from '../tasks/read-tasks.ts';
import * as repo from './repo.ts';

/** How many of the customer's tasks the view shows (newest first). */
const taskLimit = 200;

/**
 * `GET /api/customers/{id}/view`: everything about one customer. Tasks are only those the actor may
 * see; someone who sees only their team's work gets 404 for a customer they have no task for.
 */
export async function viewCustomer(deps: Deps, actor: Actor, id: string) {
  const customer = await repo.findCustomer(deps.db, id);
  if (!customer) throw notFound('customer', id);
  if (mustHaveWorkForCustomer(actor)) {
    const { total } = await countTasks(deps, actor, { customerId: id });
    if (total === 0) throw notFound('customer', id);
  }
  const [jobs, escalations, exceptions, tasks, appointments] = await Promise.all([
    repo.listJobs(deps.db, id),
    listCustomerEscalations(deps, id),
    repo.listExceptions(deps.db, id),
    listTasks(deps, actor, { customerId: id, limit: taskLimit }),
    repo.listAppointments(deps.db, id),
  ]);
  return { customer, jobs, escalations, exceptions, tasks: tasks.items, appointments };
}
