import type { Static } from 'typebox';
import type { Deps } from '../../deps.ts';
import { findActorByEmail, findActorById } from '../../http/auth.ts';
import { AppError, invalid } from '../../lib/errors.ts';
import { logCallAttempt } from '../callbacks/attempt.ts';
import type { AttemptOutcome } from '../promises/tables.ts';
import { findCallbackTaskForCall } from '../tasks/read-tasks.ts';
import { answerTransfer } from '../transfers/answer.ts';
import { abandonTransfer, conferenceTransfer, leaveTransfer } from '../transfers/steps.ts';
import { describeTransfer, findLiveTransferByCustomerPhone } from '../transfers/views.ts';
import { normaliseEmail, normalisePhone } from './contact.ts';
import * as repo from './repo.ts';
import type { CallEventBody } from './schemas.ts';
import type { CallEventStatus } from './tables.ts';

type CallEvent = Static<typeof CallEventBody>;
type Applied = {
  status: Exclude<CallEventStatus, 'applying'>;
  detail: string;
  transferId?: string;
  taskId?: string;
  attemptId?: string;
};

/** An event whose first delivery stopped mid-way may be applied again after this long. */
const staleAfterMs = 60_000;

/**
 * `POST /api/integrations/calls`: applies a phone platform's call event once per (callId, event).
 * The event is recorded first (the unique key makes a repeat a no-op), then applied through the
 * transfers or attempts services, then settled as applied, unmatched or refused. Unmatched and
 * refused events stay in `call_events` for an admin to review; nothing the platform sent is lost.
 */
export async function receiveCallEvent(deps: Deps, input: CallEvent) {
  const phone = input.customerPhone ? normalisePhone(input.customerPhone) : null;
  if (input.customerPhone && !phone) {
    throw invalid(`customerPhone "${input.customerPhone}" is not a phone number`, {
      errors: [{ field: '/customerPhone', message: 'give +country code, or ten US digits' }],
    });
  }
  const agentEmail = input.agentEmail ? normaliseEmail(input.agentEmail) : null;
  if (input.agentEmail && !agentEmail) {
    throw invalid(`agentEmail "${input.agentEmail}" is not an email address`, {
      errors: [{ field: '/agentEmail', message: 'not an email address' }],
    });
  }
  if (input.outcome && input.event !== 'ended') {
    throw invalid('outcome belongs on the `ended` event of a callback call', {
      errors: [{ field: '/outcome', message: 'only with event "ended"' }],
    });
  }
  const now = deps.clock.now();
  const claimed =
    (await repo.insertCallEvent(deps.db, {
      call_id: input.callId,
      event: input.event,
      at: new Date(input.at),
      outcome: input.outcome ?? null,
      agent_email: agentEmail,
      customer_phone: phone,
      transfer_id: input.transferId ?? null,
      task_id: input.taskId ?? null,
      received_at: now,
    })) ?? (await retakeIfStale(deps, input, now));
  if (!claimed) {
    const earlier = await repo.findCallEvent(deps.db, input.callId, input.event);
    return present(earlier!, true);
  }
  const applied = await applyCallEvent(deps, {
    ...input,
    customerPhone: phone ?? undefined,
    agentEmail: agentEmail ?? undefined,
  });
  const settled = await repo.settleCallEvent(deps.db, claimed.id, {
    status: applied.status,
    detail: applied.detail,
    matched_transfer_id: applied.transferId ?? null,
    matched_task_id: applied.taskId ?? null,
    attempt_id: applied.attemptId ?? null,
    settled_at: deps.clock.now(),
  });
  return present(settled, false);
}

async function retakeIfStale(deps: Deps, input: CallEvent, now: Date) {
  const earlier = await repo.findCallEvent(deps.db, input.callId, input.event);
  if (earlier?.status !== 'applying') return null;
  return repo.retakeStaleCallEvent(deps.db, earlier.id, new Date(now.getTime() - staleAfterMs), now);
}

function present(row: repo.CallEventRow, isDuplicate: boolean) {
  return {
    id: row.id,
    callId: row.call_id,
    event: row.event,
    status: row.status,
    isDuplicate,
    detail: row.detail,
    transferId: row.matched_transfer_id,
    taskId: row.matched_task_id,
    attemptId: row.attempt_id,
  };
}

/** A callback attempt is an `ended` with an outcome; anything else about a customer's call is a transfer's. */
async function applyCallEvent(deps: Deps, event: CallEvent): Promise<Applied> {
  if (event.transferId) return moveTransfer(deps, event, event.transferId);
  if (event.taskId) return recordAttempt(deps, event, { id: event.taskId });
  if (!event.customerPhone) {
    return { status: 'unmatched', detail: 'no transferId, taskId or customerPhone to match by' };
  }
  if (event.event === 'ended' && event.outcome)
    return recordAttempt(deps, event, { phone: event.customerPhone });
  const transferId = await findLiveTransferByCustomerPhone(deps, event.customerPhone);
  if (!transferId) return { status: 'unmatched', detail: `no live transfer for ${event.customerPhone}` };
  return moveTransfer(deps, event, transferId);
}

/** A refusal by the transfers or attempts service is kept with its reason; other errors propagate. */
async function refusedOn<T>(work: () => Promise<T>): Promise<T | { refused: string }> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) return { refused: `${error.code}: ${error.message}` };
    throw error;
  }
}

async function moveTransfer(deps: Deps, event: CallEvent, id: string): Promise<Applied> {
  const transfer = await refusedOn(() => describeTransfer(deps, id));
  if ('refused' in transfer) return { status: 'unmatched', detail: `no transfer ${id}` };
  const done = (detail: string): Applied => ({ status: 'applied', detail, transferId: id });
  const refuse = (detail: string): Applied => ({ status: 'refused', detail, transferId: id });
  const isOver = transfer.status === 'completed' || transfer.status === 'abandoned';
  const agent = await findActorById(deps.db, transfer.agent.id);
  if (!agent) return refuse("the transfer's agent is no longer active");
  const step = async (work: () => Promise<unknown>, detail: string) => {
    const result = (await refusedOn(work)) as { refused?: string } | null;
    return result?.refused ? refuse(result.refused) : done(detail);
  };
  switch (event.event) {
    case 'queued':
      return isOver
        ? refuse(`the transfer is already ${transfer.status}`)
        : done(`the transfer is ${transfer.status}`);
    case 'held':
      return done('on hold; the transfer does not change');
    case 'answered': {
      if (!event.agentEmail) return refuse('answered needs agentEmail: the desk member who picked up');
      const leader = await findActorByEmail(deps.db, event.agentEmail);
      if (!leader) return refuse(`no active user ${event.agentEmail}`);
      return step(() => answerTransfer(deps, leader, id), `answered by ${leader.name}`);
    }
    case 'conferenced':
      return step(() => conferenceTransfer(deps, agent, id), 'the customer was conferenced in');
    case 'transferred':
      // A blind transfer skips the conference: the agent hands the customer straight to the leader.
      if (transfer.status === 'answered') {
        const conferenced = await step(() => conferenceTransfer(deps, agent, id), '');
        if (conferenced.status !== 'applied') return conferenced;
      }
      return step(() => leaveTransfer(deps, agent, id), 'the agent left; the leader took over');
    case 'ended':
      if (isOver) return done(`the transfer was already ${transfer.status}`);
      if (transfer.status === 'conferenced') {
        return step(
          () => leaveTransfer(deps, agent, id),
          'the call ended after the conference; the leader took over',
        );
      }
      return step(() => abandonTransfer(deps, agent, id), 'the call ended before the conference: abandoned');
  }
}

async function recordAttempt(
  deps: Deps,
  event: CallEvent,
  match: { id: string } | { phone: string },
): Promise<Applied> {
  const task = await findCallbackTaskForCall(deps, match);
  if (!task) {
    return {
      status: 'unmatched',
      detail: 'id' in match ? `no task ${match.id}` : `no open callback task for ${match.phone}`,
    };
  }
  const refuse = (detail: string): Applied => ({ status: 'refused', detail, taskId: task.id });
  if (task.type !== 'callback') return refuse('call attempts are recorded on callback tasks only');
  if (event.event !== 'ended')
    return {
      status: 'applied',
      detail: `${event.event}: recorded; an attempt is recorded on ended`,
      taskId: task.id,
    };
  if (!event.outcome)
    return refuse(
      'an ended callback call needs an outcome (connected, no_answer, voicemail, wrong_number, dropped)',
    );
  const caller = event.agentEmail
    ? await findActorByEmail(deps.db, event.agentEmail)
    : task.assigneeId
      ? await findActorById(deps.db, task.assigneeId)
      : null;
  if (!caller) {
    return refuse(
      event.agentEmail ? `no active user ${event.agentEmail}` : 'no agentEmail and the task has no assignee',
    );
  }
  const outcome: AttemptOutcome = event.outcome;
  const logged = await refusedOn(() =>
    logCallAttempt(deps, caller, task.id, {
      outcome,
      note: `Reported by the phone platform (call ${event.callId}).`,
    }),
  );
  if ('refused' in logged) return refuse(logged.refused);
  return { status: 'applied', detail: `attempt recorded: ${outcome}`, taskId: task.id, attemptId: logged.id };
}

/** `GET /api/integrations/calls/unmatched` (admins): what matched nothing or was refused, newest first. */
export async function listCallEventsForReview(deps: Pick<Deps, 'db'>) {
  const rows = await repo.listCallEventsForReview(deps.db, 500);
  return {
    items: rows.map((row) => ({
      id: row.id,
      callId: row.call_id,
      event: row.event,
      at: row.at,
      outcome: row.outcome,
      agentEmail: row.agent_email,
      customerPhone: row.customer_phone,
      transferId: row.transfer_id,
      taskId: row.task_id,
      status: row.status,
      detail: row.detail,
      receivedAt: row.received_at,
    })),
  };
}
