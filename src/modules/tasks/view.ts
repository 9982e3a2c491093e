import type { TeamKind } from '../../db/schema.ts';
import type { NewTaskRow, TaskRow } from './repo.ts';

/** The task shape of the public contract (plus fields the web app finds useful). */
export function toTaskView(row: TaskRow) {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    title: row.title,
    details: row.details ?? {},
    team: { id: row.teamId, name: row.teamName, kind: row.teamKind },
    assigneeId: row.assigneeId,
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? '' } : null,
    dueAt: row.dueAt,
    jobId: row.jobId,
    jobNumber: row.jobNumber,
    customerId: row.customerId,
    customerName: row.customerName,
    exceptionId: row.exceptionId,
    appointmentId: row.appointmentId,
    escalationId: row.escalationId,
    resolution: row.resolutionReasonId
      ? {
          reasonId: row.resolutionReasonId,
          code: row.resolutionReasonCode ?? '',
          label: row.resolutionReasonLabel ?? '',
          note: row.resolutionNote,
        }
      : null,
    createdById: row.createdById,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    completedAt: row.completedAt,
    version: row.version,
    promise: row.promiseState ? { state: row.promiseState, dueAt: row.promiseDueAt } : null,
  };
}

export type TaskView = ReturnType<typeof toTaskView>;

/**
 * The shape of a task just created, from what its creator wrote and knows (the routed team and
 * assignee, the job and customer): the same fields the database would give back, without a read.
 */
export function newTaskView(input: {
  id: string;
  row: NewTaskRow;
  team: { id: string; name: string; kind: TeamKind };
  assigneeName: string | null;
  job: { number: string; customerName: string | null } | null;
}): TaskView {
  const { row } = input;
  return {
    id: input.id,
    type: row.type,
    status: 'not_started',
    title: row.title,
    // As stored: a JSON document.
    details: JSON.parse(JSON.stringify(row.details)) as TaskView['details'],
    team: input.team,
    assigneeId: row.assigneeId,
    assignee: row.assigneeId ? { id: row.assigneeId, name: input.assigneeName ?? '' } : null,
    dueAt: row.dueAt,
    jobId: row.jobId,
    jobNumber: input.job?.number ?? null,
    customerId: row.customerId,
    customerName: input.job?.customerName ?? null,
    exceptionId: row.exceptionId,
    appointmentId: row.appointmentId,
    escalationId: row.escalationId,
    resolution: null,
    createdById: row.createdBy,
    createdAt: row.now,
    updatedAt: row.now,
    completedAt: null,
    version: 1,
    // Booking makes the promises after the task, in the same transaction.
    promise: null,
  };
}
