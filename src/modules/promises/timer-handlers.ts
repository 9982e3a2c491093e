import type { Db } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { batched, type TimerHandler } from '../../jobs/runner.ts';
import type { ClaimedTimer } from '../../jobs/timers.ts';
import { publishEvents } from '../events/publish.ts';
import { alertCallback, callbackEvents, customerTime, noteCallback, sendPromiseBroken } from './alerts.ts';
import { type CallbackContext, readCallbackContext, readCallbackContexts } from './callback-context.ts';
import * as repo from './repo.ts';

// What the callback clock's timers do when they fire (the reschedule email and the waiting expiry,
// which end a callback, are in callbacks/expire.ts). Each checks that what it guards still
// stands (task open, promise live and unkept), so a timer overtaken by events does nothing.

const promiseLabels = {
  first_contact: 'first contact',
  retry: 'retry',
  reschedule_email: 'reschedule email',
};

/** The task and promise a callback timer guards, locked; null when the task or promise is over. */
export async function loadLive(tx: Db, timer: ClaimedTimer) {
  const taskId = String(timer.payload.taskId);
  const context = await readCallbackContext(tx, taskId, { lock: true });
  if (!context || context.status === 'completed') return null;
  const promise = await repo.lockPromise(tx, String(timer.payload.promiseId));
  if (!promise || promise.supersededAt) return null;
  return { context, promise };
}

/** Neither kept nor broken yet. */
export const isOpen = (promise: repo.PromiseRow) => !promise.keptAt && !promise.brokenAt;

const reminderMessage = (context: CallbackContext) =>
  `Callback with ${context.customerName} at ${customerTime(context.start!, context)}: review the job before the call.`;
const dueMessage = (context: CallbackContext, promise: repo.PromiseRow) =>
  `Call ${context.customerName} now: first contact is promised by ${customerTime(promise.dueAt, context)}.`;

/**
 * The set-based form of an announcement timer (reminder, due): four reads for the whole batch (the
 * contexts, one per owning feature: tasks, appointments, customers; then the promises) and one
 * insert of all the events, instead of a round trip per timer and read.
 */
function announceMany(
  type: 'callback.reminder' | 'callback.due',
  describe: (context: CallbackContext, promise: repo.PromiseRow) => Record<string, unknown>,
) {
  return async (_deps: Deps, tx: Db, timers: ClaimedTimer[]) => {
    const contexts = new Map(
      (await readCallbackContexts(tx, [...new Set(timers.map((t) => String(t.payload.taskId)))])).map((c) => [
        c.id,
        c,
      ]),
    );
    const promises = new Map(
      (
        await repo.findPromises(
          tx,
          timers.map((t) => String(t.payload.promiseId)),
        )
      ).map((p) => [p.id, p]),
    );
    const events = timers.flatMap((timer) => {
      const context = contexts.get(String(timer.payload.taskId));
      const promise = promises.get(String(timer.payload.promiseId));
      if (!context || context.status === 'completed' || !promise || promise.supersededAt || !isOpen(promise))
        return [];
      return callbackEvents(context, type, { timerId: timer.id, ...describe(context, promise) });
    });
    await publishEvents(tx, events);
  };
}

/** Before the window: the assignee reviews the job. */
export const remindReview: TimerHandler = batched(
  async (_deps, tx, timer) => {
    const live = await loadLive(tx, timer);
    if (!live || !isOpen(live.promise)) return;
    await alertCallback(tx, live.context, 'callback.reminder', {
      timerId: timer.id,
      windowStart: live.context.start,
      message: reminderMessage(live.context),
    });
  },
  announceMany('callback.reminder', (context) => ({
    windowStart: context.start,
    message: reminderMessage(context),
  })),
);

/** The window has begun: the call is due now. */
export const announceFirstContactDue: TimerHandler = batched(
  async (_deps, tx, timer) => {
    const live = await loadLive(tx, timer);
    if (!live || !isOpen(live.promise)) return;
    await alertCallback(tx, live.context, 'callback.due', {
      timerId: timer.id,
      promiseDueAt: live.promise.dueAt,
      message: dueMessage(live.context, live.promise),
    });
  },
  announceMany('callback.due', (context, promise) => ({
    promiseDueAt: promise.dueAt,
    message: dueMessage(context, promise),
  })),
);

/** No attempt yet and the promise falls due soon: the assignee and the supervisors hear of it. */
export const alertPromiseAtRisk: TimerHandler = async (deps, tx, timer) => {
  const live = await loadLive(tx, timer);
  if (!live || !isOpen(live.promise)) return;
  const { context, promise } = live;
  const now = deps.clock.now();
  await repo.markPromise(tx, promise.id, { atRiskAt: now });
  await alertCallback(
    tx,
    context,
    'callback.promise_at_risk',
    {
      timerId: timer.id,
      kind: promise.kind,
      dueAt: promise.dueAt,
      message: `The ${promiseLabels[promise.kind]} promise to ${context.customerName} is due at ${customerTime(promise.dueAt, context)} and no call has been logged.`,
    },
    { supervisors: true, now },
  );
};

/** The promise fell due unkept: recorded as broken at its due time, on the job and live. */
export const recordPromiseBroken: TimerHandler = async (deps, tx, timer) => {
  const live = await loadLive(tx, timer);
  if (!live || !isOpen(live.promise)) return;
  const { context, promise } = live;
  await repo.markPromise(tx, promise.id, { brokenAt: promise.dueAt });
  await sendPromiseBroken(tx, context, promise, new Date(promise.dueAt));
  const body = `Promise broken: the ${promiseLabels[promise.kind]} call to ${context.customerName} was due by ${customerTime(promise.dueAt, context)} and was not made.`;
  await noteCallback(tx, context, 'callback.promise_broken', body, {
    promiseId: promise.id,
    kind: promise.kind,
  });
  await alertCallback(
    tx,
    context,
    'callback.promise_broken',
    { timerId: timer.id, kind: promise.kind, dueAt: promise.dueAt, message: body },
    { supervisors: true, now: deps.clock.now() },
  );
};
