import type { Db } from '../../db/client.ts';
import type { AttemptOutcome } from '../promises/tables.ts';
import * as repo from './repo.ts';

// The call attempts of callback tasks: what was tried, by whom, with what outcome. What an attempt
// means for the callback (promises kept or broken, the next call) is the callbacks use case's.

export const outcomeLabels: Record<AttemptOutcome, string> = {
  connected: 'Connected',
  no_answer: 'No answer',
  voicemail: 'Voicemail left',
  wrong_number: 'Wrong number',
  dropped: 'Dropped',
};

export type NewAttempt = Parameters<typeof repo.insertAttempt>[1];

/** Stores an attempt inside the caller's transaction; returns its id. */
export function recordAttempt(tx: Db, attempt: NewAttempt): Promise<string> {
  return repo.insertAttempt(tx, attempt);
}

/** A task's attempts, oldest first; with an appointment, only those made for it. */
export function listAttempts(db: Db, taskId: string, appointmentId?: string | null) {
  return repo.listAttempts(db, taskId, appointmentId);
}
