import { handleTransferThreshold } from '../modules/transfers/threshold.ts';
import type { TimerHandlers } from './runner.ts';

/** Every timer kind and the feature function that handles it, one line each. */
export const timerHandlers: TimerHandlers = {
  'transfer.threshold': handleTransferThreshold,
};
