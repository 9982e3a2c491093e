import type { TaskRow } from './repo.ts';

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
  };
}

export type TaskView = ReturnType<typeof toTaskView>;
