import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { closeExceptionForTask } from '../exceptions/open-exception.ts';
import {
  type CompleteTaskInput,
  type Completion,
  prepareCompletion,
  prepareSystemCompletion,
  recordCompletion,
} from '../tasks/complete-task.ts';
import type { TaskView } from '../tasks/view.ts';

// Completing a task is where a Call Back exception closes: the one way an exception is closed.
// Tasks of other types have no exception and complete the same way.

/**
 * `POST /api/tasks/{id}/complete`: completes the task with an active resolution of its type's list,
 * closes its exception, cancels its timers (the callback clock with them), notes the job and, for a
 * purchasing request, brings the answer to the job and the requester, in one transaction.
 */
export async function completeTask(
  deps: Deps,
  actor: Actor,
  id: string,
  input: CompleteTaskInput,
): Promise<TaskView> {
  return inTransaction(deps.db, async (tx) =>
    complete(deps, tx, await prepareCompletion(tx, actor, id, input)),
  );
}

/**
 * The system completes an open task with a resolution (by code) inside the caller's transaction
 * (a cancelled callback, an expired one); null when it was already completed.
 */
export async function completeTaskBySystem(
  deps: Pick<Deps, 'clock'>,
  tx: Db,
  id: string,
  input: { resolutionCode: string; note: string },
): Promise<TaskView | null> {
  const completion = await prepareSystemCompletion(tx, id, input);
  return completion ? complete(deps, tx, completion) : null;
}

async function complete(deps: Pick<Deps, 'clock'>, tx: Db, completion: Completion) {
  const { task, by } = completion;
  if (task.exceptionId) await closeExceptionForTask(deps, tx, by, task.exceptionId, task.title);
  return recordCompletion(deps, tx, completion);
}
