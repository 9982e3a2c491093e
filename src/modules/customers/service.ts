import type { Db } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { listCustomerEscalations } from '../escalations/service.ts';
import type { Actor } from '../../http/auth.ts';
import { notFound } from '../../lib/errors.ts';
import { listTasks } from '../tasks/read-tasks.ts';
import * as repo from './repo.ts';

/** How many of the customer's tasks the view shows (newest first). */
const taskLimit = 200;

/**
 * `GET /api/customers/{id}/view`: everything about one customer the actor reaches (404 otherwise),
 * and inside it only the records of each kind that they reach: a BPO worker with one task for the
 * customer sees that task's records, not the in-house work on the same customer.
 */
export async function viewCustomer(deps: Deps, actor: Actor, id: string) {
  const customer = await repo.findCustomer(deps.db, actor, id);
  if (!customer) throw notFound('customer', id);
  const [jobs, escalations, exceptions, tasks, appointments] = await Promise.all([
    repo.listJobs(deps.db, actor, id),
    listCustomerEscalations(deps, actor, id),
    repo.listExceptions(deps.db, actor, id),
    listTasks(deps, actor, { customerId: id, limit: taskLimit }),
    repo.listAppointments(deps.db, actor, id),
  ]);
  return { customer, jobs, escalations, exceptions, tasks: tasks.items, appointments };
}

/**
 * For a feature acting on a record it reached (a booking on an escalation in reach): the
 * customer's name, email and time zone.
 */
export function findCustomerContact(db: Db, id: string) {
  return repo.findCustomerContact(db, id);
}

/** The same for many customers, one query (records handled in a batch, like timers fired together). */
export function findCustomerContacts(db: Db, ids: readonly string[]) {
  return ids.length ? repo.listCustomerContacts(db, [...new Set(ids)]) : Promise.resolve([]);
}

/** For a feature listing records that point at customers: each customer's name by id, one query. */
export async function findCustomerNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await repo.listCustomerNames(db, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, row.name]));
}
