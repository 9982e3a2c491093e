// Pure maths of queue waits: how long a request has waited, whether it passed the site's threshold,
// and the estimate told to the agent when it enters the queue.

/** When nothing was answered recently, assume one desk answer takes this long. */
export const defaultAnswerSeconds = 60;
/** How many recent answers the moving average looks at, and how far back. */
export const estimateSampleSize = 20;
export const estimateLookbackMs = 7 * 24 * 3600 * 1000;

type WaitFacts = {
  enqueued_at: Date;
  answered_at: Date | null;
  abandoned_at: Date | null;
  threshold_seconds: number;
  threshold_reached_at: Date | null;
};

/** Seconds in the queue: until answered or abandoned, else until now. */
export function waitedSeconds(transfer: WaitFacts, now: Date): number {
  const end = transfer.answered_at ?? transfer.abandoned_at ?? now;
  return Math.max(0, Math.floor((end.getTime() - transfer.enqueued_at.getTime()) / 1000));
}

/**
 * True once the wait reached the threshold. Derived from the clock as well as from the timer's mark,
 * so a reader sees it even when the timer has not fired yet (runner lag).
 */
export function isThresholdReached(transfer: WaitFacts, now: Date): boolean {
  return transfer.threshold_reached_at !== null || waitedSeconds(transfer, now) >= transfer.threshold_seconds;
}

export type WaitEstimate = {
  /** null when nobody on the desk is available: no honest number exists. */
  estimatedWaitSeconds: number | null;
  hasAvailableMembers: boolean;
  /** The moving average the estimate is built on, in seconds. */
  averageAnswerSeconds: number;
};

/**
 * Estimated wait of the request at `position` (1 = first in line):
 * average of the site's recent enqueue→answer times (up to the last 20 in 7 days; 60 s when none)
 * × position ÷ available members. Each available member works through their share of the line in
 * about one average answer time per request ahead of it. With no available member there is no
 * estimate (null and `hasAvailableMembers: false`), which the agent reads as "ask for a callback".
 */
export function estimateWait(
  recentAnswerSeconds: number[],
  position: number,
  availableMembers: number,
): WaitEstimate {
  const averageAnswerSeconds = recentAnswerSeconds.length
    ? recentAnswerSeconds.reduce((sum, s) => sum + s, 0) / recentAnswerSeconds.length
    : defaultAnswerSeconds;
  if (availableMembers <= 0) {
    return { estimatedWaitSeconds: null, hasAvailableMembers: false, averageAnswerSeconds };
  }
  return {
    estimatedWaitSeconds: Math.round((averageAnswerSeconds * Math.max(1, position)) / availableMembers),
    hasAvailableMembers: true,
    averageAnswerSeconds,
  };
}
