import type { Db } from '../../db/client.ts';
import { insertJobNotes, type NewJobNote } from './repo.ts';

export type { NewJobNote };

/**
 * Appends to a job's timeline. Every feature calls this inside the transaction of the action it
 * records, so the note exists exactly when the action does. The timeline is append-only.
 */
export async function addJobNote(db: Db, note: NewJobNote): Promise<void> {
  await insertJobNotes(db, [note]);
}

/** Appends many notes in one statement (a nightly sync updating thousands of jobs). */
export async function addJobNotes(db: Db, notes: NewJobNote[]): Promise<void> {
  if (notes.length) await insertJobNotes(db, notes);
}
