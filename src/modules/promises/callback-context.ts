import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { type AppointmentTimes, findAppointmentTimes } from '../booking/appointments.ts';
import { findCustomerContacts } from '../customers/service.ts';
import { findTaskHeads, lockTaskHead, type TaskHead } from '../tasks/read-tasks.ts';
import type * as repo from './repo.ts';

export type PromiseRow = repo.PromiseRow;

type CustomerContact = Awaited<ReturnType<typeof findCustomerContacts>>[number];

/**
 * What the callback clock knows of a task, its appointment and customer. The appointment and
 * customer parts are null when the task has none (or it is gone), as the left joins of the one
 * query this was before gave.
 */
export type CallbackContext = Pick<
  TaskHead,
  'id' | 'type' | 'status' | 'title' | 'teamId' | 'assigneeId' | 'createdById' | 'jobId' | 'appointmentId'
> & {
  start: AppointmentTimes['start'] | null;
  end: AppointmentTimes['end'] | null;
  appointmentStatus: AppointmentTimes['status'] | null;
  siteId: AppointmentTimes['siteId'] | null;
  appointmentTimeZone: AppointmentTimes['timeZone'] | null;
  customerName: CustomerContact['name'] | null;
  customerEmail: CustomerContact['email'] | null;
  customerTimeZone: CustomerContact['timeZone'] | null;
};

// Each part comes from the feature that owns its table: the task from tasks, its appointment from
// booking, its customer from customers; one query per feature however many tasks are read.
async function assemble(db: Db, tasks: TaskHead[]): Promise<CallbackContext[]> {
  if (tasks.length === 0) return [];
  const appointmentIds = tasks.flatMap((t) => (t.appointmentId ? [t.appointmentId] : []));
  const appointments = new Map(
    (await findAppointmentTimes(db, [...new Set(appointmentIds)])).map((a) => [a.id, a]),
  );
  const customerIds = tasks.flatMap((t) => (t.customerId ? [t.customerId] : []));
  const customers = new Map((await findCustomerContacts(db, customerIds)).map((c) => [c.id, c]));
  return tasks.map((task) => {
    const appointment = task.appointmentId ? appointments.get(task.appointmentId) : undefined;
    const customer = task.customerId ? customers.get(task.customerId) : undefined;
    return {
      id: task.id,
      type: task.type,
      status: task.status,
      title: task.title,
      teamId: task.teamId,
      assigneeId: task.assigneeId,
      createdById: task.createdById,
      jobId: task.jobId,
      appointmentId: task.appointmentId,
      start: appointment?.start ?? null,
      end: appointment?.end ?? null,
      appointmentStatus: appointment?.status ?? null,
      siteId: appointment?.siteId ?? null,
      appointmentTimeZone: appointment?.timeZone ?? null,
      customerName: customer?.name ?? null,
      customerEmail: customer?.email ?? null,
      customerTimeZone: customer?.timeZone ?? null,
    };
  });
}

/**
 * What the callback clock knows of a task, its appointment and customer (the callbacks use cases
 * start from it). With `actor`, only if they reach the task; with `lock`, the task row is locked
 * (`FOR UPDATE`, through tasks) for the rest of the transaction, and only the task row.
 */
export async function readCallbackContext(
  db: Db,
  taskId: string,
  options: { lock?: boolean; actor?: Actor } = {},
): Promise<CallbackContext | undefined> {
  const task = options.lock
    ? await lockTaskHead(db, taskId, { actor: options.actor })
    : (await findTaskHeads(db, [taskId], { actor: options.actor }))[0];
  return task ? (await assemble(db, [task]))[0] : undefined;
}

/** The same for many tasks at once (timers fired in a batch): three queries for the whole batch. */
export async function readCallbackContexts(db: Db, taskIds: string[]): Promise<CallbackContext[]> {
  return taskIds.length ? assemble(db, await findTaskHeads(db, taskIds)) : [];
}

/** An appointment's window, zone and site (booking's), for a clock started on it. */
export async function readAppointment(db: Db, id: string): Promise<AppointmentTimes | undefined> {
  return (await findAppointmentTimes(db, [id]))[0];
}
