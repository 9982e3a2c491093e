import type { TimerHandlers } from './runner.ts';

/** Every timer kind and the feature function that handles it, one line each. */
export const timerHandlers: TimerHandlers = {};
