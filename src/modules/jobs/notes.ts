import type { Db } from '../../db/client.ts';
import { rowsFor, writeNowOrBehind } from '../../db/write-behind.ts';
import { jobNotesBehind, type NewJobNote } from './repo.ts';

export type { NewJobNote };

/**
 * Appends to a job's timeline. Every feature calls this inside the transaction of the action it
 * records, so the note exists exactly when the action does. The timeline is append-only; in a
 * transaction that writes behind, the note goes in with the others just before the commit.
 */
export async function addJobNote(db: Db, note: NewJobNote): Promise<void> {
  await writeNowOrBehind(db, rowsFor(jobNotesBehind, [note]));
}

/** Appends many notes in one statement (a nightly sync updating thousands of jobs). */
export async function addJobNotes(db: Db, notes: NewJobNote[]): Promise<void> {
  if (notes.length) await writeNowOrBehind(db, rowsFor(jobNotesBehind, notes));
}
