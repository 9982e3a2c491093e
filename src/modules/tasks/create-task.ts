import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, invalid, notFound } from '../../lib/errors.ts';
import { describeEscalationFor } from '../escalations/service.ts';
import { findJobInReach } from '../jobs/service.ts';
import { createRoutedTask, jobFactsOf } from './create-routed-task.ts';
import { canSeeTask } from './policy.ts';
import * as lookups from './lookups-repo.ts';
import type { TaskView } from './view.ts';

export type HandMadeTaskInput = {
  type: 'tier2_record' | 'tier3' | 'purchasing';
  jobNumber?: string;
  title?: string;
  details?: string;
  dueAt?: string;
  escalationId?: string;
  escalationType?: string;
  resolution?: string;
  orderNumber?: string;
  part?: string;
  question?: string;
};

/** The fields each hand-made type needs besides `type`. */
export const requiredFields: Record<HandMadeTaskInput['type'], (keyof HandMadeTaskInput)[]> = {
  tier2_record: ['jobNumber', 'escalationType', 'resolution'],
  tier3: ['jobNumber', 'details'],
  purchasing: ['jobNumber', 'orderNumber', 'part', 'question'],
};

export function findMissingFields(input: HandMadeTaskInput): string[] {
  return requiredFields[input.type].filter((field) => {
    const value = input[field];
    return typeof value !== 'string' || value.trim() === '';
  });
}

const typeNames = { tier2_record: 'Tier 2 record', tier3: 'Tier 3 task', purchasing: 'purchasing request' };

/**
 * `POST /api/tasks`: a Tier 2 record, Tier 3 task or purchasing request, routed like any task. The
 * answer names the team it went to and says whether the creator can open it: a callback worker's
 * Tier 3 task belongs to Tier 3, out of their reach.
 */
export async function openHandMadeTask(
  deps: Deps,
  actor: Actor,
  input: HandMadeTaskInput,
): Promise<TaskView & { isVisibleToCreator: boolean }> {
  const task = await createHandMadeTask(deps, actor, input);
  return {
    ...task,
    isVisibleToCreator: canSeeTask(actor, { teamId: task.team.id, createdById: task.createdById }),
  };
}

async function createHandMadeTask(deps: Deps, actor: Actor, input: HandMadeTaskInput): Promise<TaskView> {
  const missing = findMissingFields(input);
  if (missing.length) {
    throw invalid(`a ${typeNames[input.type]} needs: ${missing.join(', ')}`, { missing });
  }
  return inTransaction(deps.db, async (tx) => {
    const job = await findJobInReach({ db: tx }, actor, input.jobNumber!);
    if (!job) throw notFound('job', input.jobNumber);
    if (input.escalationId) {
      const escalation = await describeEscalationFor({ db: tx }, actor, input.escalationId);
      if (escalation.jobId !== job.id) {
        throw new AppError('unprocessable', `escalation ${input.escalationId} is not on job ${job.number}`, {
          field: 'escalationId',
        });
      }
    }
    const details: Record<string, unknown> = {};
    if (input.details) details.description = input.details.trim();
    let title = input.title?.trim();
    if (input.type === 'tier2_record') {
      const reason = await lookups.findActiveEscalationReason(tx, input.escalationType!);
      if (!reason) {
        throw invalid(`unknown escalation type "${input.escalationType}"`, { field: 'escalationType' });
      }
      Object.assign(details, { escalationType: reason.code, resolution: input.resolution!.trim() });
      title ||= `Tier 2 record: ${reason.label} (${job.number})`;
    } else if (input.type === 'purchasing') {
      Object.assign(details, {
        orderNumber: input.orderNumber!.trim(),
        part: input.part!.trim(),
        question: input.question!.trim(),
      });
      title ||= `Purchasing: order ${input.orderNumber!.trim()}, ${input.part!.trim()} (${job.number})`;
    } else {
      title ||= `Tier 3: ${job.number}`;
    }
    return createRoutedTask(deps, tx, actor, {
      type: input.type,
      title,
      details,
      dueAt: input.dueAt ? new Date(input.dueAt) : undefined,
      job: jobFactsOf(job),
      escalationId: input.escalationId ?? null,
    });
  });
}
