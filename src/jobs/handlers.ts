import * as callbackEnd from '../modules/callbacks/expire.ts';
import * as callback from '../modules/promises/timer-handlers.ts';
import { handleTransferThreshold } from '../modules/transfers/threshold.ts';
import { refreshSiteEstimates, sweepSilentTabs } from '../modules/transfers/presence-sweep.ts';
import { deliverMail } from '../modules/mail/deliver.ts';
import { housekeepingKind, purgeFinishedRecords } from './housekeeping.ts';
import { isolated, type TimerHandlers } from './runner.ts';

/** Every timer kind and the feature function that handles it, one line each. */
export const timerHandlers: TimerHandlers = {
  'transfer.threshold': handleTransferThreshold,
  'presence.sweep': sweepSilentTabs,
  'transfer.estimate_refresh': refreshSiteEstimates,
  'callback.review_reminder': callback.remindReview,
  'callback.first_contact_due': callback.announceFirstContactDue,
  'callback.promise_at_risk': callback.alertPromiseAtRisk,
  'callback.promise_broken': callback.recordPromiseBroken,
  'callback.reschedule_email': callbackEnd.sendRescheduleEmailOnTime,
  'callback.waiting_expiry': callbackEnd.expireWaitingTask,
  'mail.deliver': isolated(deliverMail),
  [housekeepingKind]: isolated(purgeFinishedRecords),
};
