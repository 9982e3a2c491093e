import type { TaskStatus, TaskType } from '../../db/schema.ts';

/**
 * Status changes a person may make with `PATCH`. `completed` is reached only through completion
 * (which needs a resolution reason) and is final.
 */
const allowedMoves: Record<TaskStatus, readonly TaskStatus[]> = {
  not_started: ['in_progress', 'waiting'],
  in_progress: ['not_started', 'waiting'],
  waiting: ['in_progress', 'not_started'],
  completed: [],
};

export function canMoveTask(from: TaskStatus, to: TaskStatus): boolean {
  return from === to || allowedMoves[from].includes(to);
}

export function canCompleteTask(from: TaskStatus): boolean {
  return from !== 'completed';
}

export function allowedMovesFrom(from: TaskStatus): readonly TaskStatus[] {
  return allowedMoves[from];
}

const hour = 60 * 60 * 1000;
/** How long each type of task may wait when its creator gives no due time. */
const defaultTurnaround: Record<TaskType, number> = {
  callback: 2 * hour,
  tier2_record: 24 * hour,
  tier3: 72 * hour,
  executive_case: 24 * hour,
  purchasing: 48 * hour,
};

export function defaultDueAt(type: TaskType, now: Date): Date {
  return new Date(now.getTime() + defaultTurnaround[type]);
}

export const taskTypeLabels: Record<TaskType, string> = {
  callback: 'Callback',
  tier2_record: 'Tier 2 record',
  tier3: 'Tier 3',
  executive_case: 'Executive case',
  purchasing: 'Purchasing request',
};

export const taskStatusLabels: Record<TaskStatus, string> = {
  not_started: 'Not Started',
  in_progress: 'In Progress',
  waiting: 'Waiting',
  completed: 'Completed',
};

/**
 * Which list a task's resolution comes from. Tier 2 records describe how an escalation call ended,
 * so they have their own list; every other type uses the (callback) resolution reasons.
 */
export type ResolutionKind = 'resolution_reason' | 'tier2_resolution_type';

export function resolutionKindOf(type: TaskType): ResolutionKind {
  return type === 'tier2_record' ? 'tier2_resolution_type' : 'resolution_reason';
}

/** The completion body's field for each kind of resolution. */
export const resolutionFields = {
  resolution_reason: 'resolutionReasonId',
  tier2_resolution_type: 'tier2ResolutionTypeId',
} as const satisfies Record<ResolutionKind, string>;

/** A purchasing request exists to get Purchasing's answer back to who asked: completing one needs it. */
export function needsAnswer(type: TaskType): boolean {
  return type === 'purchasing';
}
