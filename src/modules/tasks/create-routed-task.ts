import type { Db } from '../../db/client.ts';
import type { TaskType } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { notFound } from '../../lib/errors.ts';
import { addJobNote } from '../jobs/notes.ts';
import { findJobById } from '../jobs/service.ts';
import { type RoutingRule, routeTask } from '../routing/service.ts';
import { announceTask } from './events.ts';
import * as repo from './repo.ts';
import { defaultDueAt, taskTypeLabels } from './transitions.ts';
import { newTaskView, type TaskView } from './view.ts';

/** What a task shows of its job: the number, and the job's customer. */
export type JobFacts = { id: string; number: string; customerId: string; customerName: string };

export type NewRoutedTask = {
  type: TaskType;
  title?: string;
  details?: Record<string, unknown>;
  /** Defaults to the type's turnaround from now. */
  dueAt?: Date;
  jobId?: string | null;
  /** The job when the caller already has it (saves a look-up); else `jobId` is looked up. */
  job?: JobFacts;
  exceptionId?: string | null;
  /** The exception type behind the task, for rules that match on it. */
  exceptionTypeId?: string | null;
  appointmentId?: string | null;
  escalationId?: string | null;
  /** The active routing rules when the caller has just read them in this transaction. */
  routingRules?: RoutingRule[];
  /** Injected by tests to make random assignment deterministic. */
  random?: () => number;
};

/** The job's facts a task shows, looked up by id (404 when there is no such job). */
export async function findJobFacts(tx: Db, id: string): Promise<JobFacts> {
  const job = await findJobById({ db: tx }, id);
  if (!job) throw notFound('job', id);
  return jobFactsOf(job);
}

export function jobFactsOf(job: { id: string; number: string; customer_id: string; customer_name: string }) {
  return { id: job.id, number: job.number, customerId: job.customer_id, customerName: job.customer_name };
}

/**
 * Creates a task routed by the rules (team, then assignee by the team's strategy), notes the job
 * and announces the task, all in the caller's transaction `tx`. `actor` is null when the system
 * creates the task (inbound mail); only rules that name no user, site or team match it then.
 * Throws `no_route` (422) when no rule matches and no default team is configured.
 */
export async function createRoutedTask(
  deps: Pick<Deps, 'clock'>,
  tx: Db,
  actor: Actor | null,
  input: NewRoutedTask,
): Promise<TaskView> {
  const now = deps.clock.now();
  const job = input.job ?? (input.jobId ? await findJobFacts(tx, input.jobId) : undefined);
  const route = await routeTask(
    tx,
    {
      taskType: input.type,
      exceptionTypeId: input.exceptionTypeId ?? null,
      creator: actor ? { userId: actor.id, siteId: actor.siteId, teamId: actor.teamId } : null,
    },
    { random: input.random, rules: input.routingRules },
  );
  const row: repo.NewTaskRow = {
    type: input.type,
    title: input.title ?? `${taskTypeLabels[input.type]}${job ? ` for job ${job.number}` : ''}`,
    details: input.details ?? {},
    teamId: route.team.id,
    assigneeId: route.assigneeId,
    dueAt: input.dueAt ?? defaultDueAt(input.type, now),
    jobId: job?.id ?? null,
    customerId: job?.customerId ?? null,
    exceptionId: input.exceptionId ?? null,
    appointmentId: input.appointmentId ?? null,
    escalationId: input.escalationId ?? null,
    createdBy: actor?.id ?? null,
    now,
  };
  const id = await repo.insertTask(tx, row);
  const task = newTaskView({
    id,
    row,
    team: route.team,
    assigneeName: route.assigneeName,
    job: job ? { number: job.number, customerName: job.customerName } : null,
  });
  if (job) {
    const who = task.assignee ? `assigned to ${task.assignee.name}` : 'waiting in the team queue';
    await addJobNote(tx, {
      jobId: job.id,
      authorId: actor?.id ?? null,
      kind: 'task.created',
      body: `${taskTypeLabels[task.type]} task "${task.title}" routed to ${task.team.name}, ${who}.`,
      details: {
        taskId: task.id,
        teamId: task.team.id,
        assigneeId: task.assigneeId,
        ruleId: route.ruleId,
        strategy: route.strategy,
        dueAt: task.dueAt,
      },
    });
  }
  await announceTask(tx, 'task.created', task);
  return task;
}
