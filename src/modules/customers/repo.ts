import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { appointmentInReach } from '../booking/policy.ts';
import { exceptionInReach } from '../exceptions/policy.ts';
import { jobInReach } from '../jobs/policy.ts';
import { customerInReach } from './policy.ts';

// The Customer View read model: one statement per kind of record, never one per row, each holding
// only what the actor reaches (the policy of that kind of record).

export function findCustomer(db: Db, actor: Actor, id: string) {
  return db
    .selectFrom('customers')
    .select(['id', 'name', 'phone', 'email', 'time_zone as timeZone', 'created_at as createdAt'])
    .where('id', '=', id)
    .where(customerInReach(actor, 'customers.id'))
    .executeTakeFirst();
}

export function listJobs(db: Db, actor: Actor, customerId: string) {
  return db
    .selectFrom('jobs')
    .select(['id', 'number', 'product', 'status', 'created_at as createdAt'])
    .where('customer_id', '=', customerId)
    .where(jobInReach(actor, 'jobs.id'))
    .orderBy('created_at', 'desc')
    .orderBy('number')
    .execute();
}

export function listExceptions(db: Db, actor: Actor, customerId: string) {
  return db
    .selectFrom('exceptions as e')
    .innerJoin('jobs as j', 'j.id', 'e.job_id')
    .innerJoin('exception_types as t', 't.id', 'e.type_id')
    .innerJoin('exception_comments as c', 'c.id', 'e.comment_id')
    .select([
      'e.id',
      'j.number as jobNumber',
      't.code as type',
      't.label as typeLabel',
      'e.status',
      'c.body as comment',
      'e.escalation_id as escalationId',
      'e.created_at as createdAt',
      'e.closed_at as closedAt',
    ])
    .where('j.customer_id', '=', customerId)
    .where(exceptionInReach(actor, 'e.id'))
    .orderBy('e.created_at', 'desc')
    .execute();
}

export function listAppointments(db: Db, actor: Actor, customerId: string) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('sites as s', 's.id', 'a.site_id')
    .select([
      'a.id',
      'a.starts_at as start',
      'a.ends_at as end',
      's.slug as siteSlug',
      'a.status',
      'a.customer_time_zone as customerTimeZone',
      'a.escalation_id as escalationId',
    ])
    .where('a.customer_id', '=', customerId)
    .where(appointmentInReach(actor, 'a.id'))
    .orderBy('a.starts_at', 'desc')
    .execute();
}

/** A customer's name and how to reach them (no reach filter: the caller checked its own record's). */
export function findCustomerContact(db: Db, id: string) {
  return db
    .selectFrom('customers')
    .select(['id', 'name', 'email', 'time_zone as timeZone'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The same for the customers `ids`, one query. */
export function listCustomerContacts(db: Db, ids: readonly string[]) {
  return db
    .selectFrom('customers')
    .select(['id', 'name', 'email', 'time_zone as timeZone'])
    .where('id', 'in', ids)
    .execute();
}

/** The names of the customers `ids` (no reach filter: the caller's records point at them), one query. */
export function listCustomerNames(db: Db, ids: readonly string[]) {
  return db.selectFrom('customers').select(['id', 'name']).where('id', 'in', ids).execute();
}
