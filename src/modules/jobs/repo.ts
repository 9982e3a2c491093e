import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { jobInReach, jobNoteInReach } from './policy.ts';

export type NewJobNote = {
  jobId: string;
  /** null for notes the system writes on its own (timers, inbound mail). */
  authorId: string | null;
  /** What happened: `note` for people's notes, else the action (`escalation.created`, `transfer.answered`, …). */
  kind: string;
  body: string;
  details?: Record<string, unknown>;
};

function noteRow(note: NewJobNote) {
  return {
    job_id: note.jobId,
    author_id: note.authorId,
    kind: note.kind,
    body: note.body,
    details: JSON.stringify(note.details ?? {}),
  };
}

export async function insertJobNote(db: Db, note: NewJobNote) {
  return db
    .insertInto('job_notes')
    .values(noteRow(note))
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

/** Appends notes in one multi-row insert, in order; nothing is read back. */
export async function insertJobNotes(db: Db, notes: NewJobNote[]) {
  await db.insertInto('job_notes').values(notes.map(noteRow)).execute();
}

/** A job with its customer's name: what features show of a job they act on. */
function selectJobs(db: Db) {
  return db
    .selectFrom('jobs as j')
    .innerJoin('customers as c', 'c.id', 'j.customer_id')
    .select([
      'j.id',
      'j.number',
      'j.customer_id',
      'c.name as customer_name',
      'j.product',
      'j.status',
      'j.created_at',
    ]);
}

export function findJobByNumber(db: Db, number: string) {
  return selectJobs(db).where('j.number', '=', number).executeTakeFirst();
}

/** A job by number if the actor reaches it (see `policy.ts`). */
export function findJobByNumberFor(db: Db, actor: Actor, number: string) {
  return selectJobs(db).where('j.number', '=', number).where(jobInReach(actor, 'j.id')).executeTakeFirst();
}

export function findJobById(db: Db, id: string) {
  return selectJobs(db).where('j.id', '=', id).executeTakeFirst();
}

export function findCustomer(db: Db, id: string) {
  return db
    .selectFrom('customers')
    .select(['id', 'name', 'phone', 'email', 'time_zone'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Jobs by number prefix, customer name (any word prefix) or phone digits; newest first. A term that
 * looks like a job number matches by its digits too, so `100240`, `j100240` and `1002` find
 * J-100240: people read numbers off screens and letters without the prefix.
 */
export function searchJobs(db: Db, actor: Actor, q: string, limit: number) {
  const term = q.trim().toLowerCase();
  const digits = term.replace(/\D/g, '');
  const escaped = term.replace(/[%_\\]/g, '\\$&');
  const isJobNumberLike = digits.length >= 3 && /^[a-z]{0,3}[-\s]?\d+$/.test(term);
  return db
    .selectFrom('jobs as j')
    .innerJoin('customers as c', 'c.id', 'j.customer_id')
    .select([
      'j.id',
      'j.number',
      'j.product',
      'j.status',
      'c.id as customerId',
      'c.name as customerName',
      'c.phone as customerPhone',
    ])
    .where(jobInReach(actor, 'j.id'))
    .where((eb) =>
      eb.or([
        eb(sql`lower(j.number)`, 'like', `${escaped}%`),
        ...(isJobNumberLike ? [eb(sql`regexp_replace(j.number, '\\D', '', 'g')`, 'like', `${digits}%`)] : []),
        eb(sql`lower(c.name)`, 'like', `${escaped}%`),
        eb(sql`lower(c.name)`, 'like', `% ${escaped}%`),
        ...(digits.length >= 4 ? [eb('c.phone', 'like', `%${digits}%`)] : []),
      ]),
    )
    .orderBy('j.created_at', 'desc')
    .orderBy('j.number')
    .limit(limit)
    .execute();
}

export function listParts(db: Db, actor: Actor, jobId: string) {
  return db
    .selectFrom('job_parts')
    .select(['id', 'part_number as partNumber', 'description', 'status', 'ordered_at as orderedAt'])
    .where('job_id', '=', jobId)
    .where(jobInReach(actor, 'job_parts.job_id'))
    .orderBy('part_number')
    .execute();
}

export function listNotes(db: Db, actor: Actor, jobId: string) {
  return db
    .selectFrom('job_notes as n')
    .leftJoin('users as u', 'u.id', 'n.author_id')
    .select([
      'n.id',
      'n.kind',
      'n.body',
      'n.details',
      'n.created_at as createdAt',
      'u.id as authorId',
      'u.name as authorName',
    ])
    .where('n.job_id', '=', jobId)
    .where(jobNoteInReach(actor, 'n.job_id'))
    .orderBy('n.seq')
    .execute();
}
