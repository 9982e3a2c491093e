import { AppError } from '../lib/errors.ts';
import type { Db } from './client.ts';

/** How long an answer is kept for its key; after that the key may be used for new work. */
export const idempotencyTtlMs = 24 * 3_600_000;

/** A request's claim on an idempotency key: whose key, for which route, and what was asked. */
export type Once = {
  userId: string;
  /** The route (or use case) the key belongs to: one key may serve different routes. */
  scope: string;
  key: string;
  /** A digest of what was asked: the same key with another request is refused. */
  requestHash: string;
  now: Date;
};

export type Answer = { status: number; body: unknown };
export type OnceAnswer = Answer & { isReplay: boolean };

/**
 * Does `work` once per key and answers every repeat as the first time.
 *
 * The key is claimed first, inside the work's own transaction, and its answer saved in that same
 * transaction: either both commit or neither does. A second request with the key while the first
 * is at work waits for it on the key's row (PostgreSQL's unique index; PGlite runs one
 * transaction at a time anyway), then replays its committed answer. Refusals (anything `work`
 * throws) roll the claim back with the work, so they are never stored: a retry with the key tries
 * again, which is what a person means after fixing what was refused.
 */
export async function answerOnce(db: Db, once: Once, work: (tx: Db) => Promise<Answer>): Promise<OnceAnswer> {
  return db.transaction().execute(async (tx) => {
    if (!(await claimKey(tx, once))) return replayAnswer(tx, once);
    const answer = await work(tx);
    // Stored as JSON, so the first answer is sent as every replay will be (dates as strings).
    const body: unknown = JSON.parse(JSON.stringify(answer.body ?? null));
    await tx
      .updateTable('idempotency_keys')
      .set({ status_code: answer.status, response: JSON.stringify(body) })
      .where('user_id', '=', once.userId)
      .where('scope', '=', once.scope)
      .where('key', '=', once.key)
      .execute();
    return { status: answer.status, body, isReplay: false };
  });
}

/**
 * Inserts the key's row, or takes over an expired one; false when a live answer holds the key.
 * The placeholder answer is never seen: the row commits with the real one or not at all.
 */
async function claimKey(tx: Db, once: Once): Promise<boolean> {
  const cutoff = new Date(once.now.getTime() - idempotencyTtlMs);
  const claimed = await tx
    .insertInto('idempotency_keys')
    .values({
      user_id: once.userId,
      scope: once.scope,
      key: once.key,
      request_hash: once.requestHash,
      status_code: 0,
      response: 'null',
      created_at: once.now,
    })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'scope', 'key'])
        .doUpdateSet({
          request_hash: once.requestHash,
          status_code: 0,
          response: 'null',
          created_at: once.now,
        })
        .where('idempotency_keys.created_at', '<=', cutoff),
    )
    .returning('key')
    .executeTakeFirst();
  return claimed !== undefined;
}

async function replayAnswer(tx: Db, once: Once): Promise<OnceAnswer> {
  const stored = await tx
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response'])
    .where('user_id', '=', once.userId)
    .where('scope', '=', once.scope)
    .where('key', '=', once.key)
    .executeTakeFirst();
  if (!stored) throw new AppError('conflict', 'this Idempotency-Key is being reused right now; try again');
  if (stored.request_hash !== once.requestHash) {
    throw new AppError(
      'idempotency_mismatch',
      'this Idempotency-Key was already used for a different request; send a new key with a new request',
    );
  }
  return { status: stored.status_code, body: stored.response, isReplay: true };
}

/** For housekeeping: forgets answers whose keys have expired. */
export async function purgeExpiredIdempotencyKeys(db: Db, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - idempotencyTtlMs);
  await db.deleteFrom('idempotency_keys').where('created_at', '<=', cutoff).execute();
}
