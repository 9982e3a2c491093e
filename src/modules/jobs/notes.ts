import type { Db } from '../../db/client.ts';
import { insertJobNote, type NewJobNote } from './repo.ts';

export type { NewJobNote };

/**
 * Appends to a job's timeline. Every feature calls this inside the transaction of the action it
 * records, so the note exists exactly when the action does. The timeline is append-only.
 */
export async function addJobNote(db: Db, note: NewJobNote) {
  return insertJobNote(db, note);
}
