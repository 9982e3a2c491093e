import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { answerOnce, type Once, type OnceAnswer } from '../db/idempotency.ts';
import type { Deps } from '../deps.ts';
import type { Actor } from './auth.ts';

/** The `headers` schema of a creating route: documents the key so generated clients can send it. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description:
        'One key per submission (a UUID). Sending it again with the same request replays the first ' +
        'answer (with `Idempotent-Replayed: true`) instead of doing the work twice; with another ' +
        'request it is refused (422 `idempotency_mismatch`). A request made while the first is still ' +
        'at work waits for it. Refusals are not kept, keys expire after 24 hours, and keys are ' +
        "the caller's own: another user's same key is another key.",
    }),
  ),
});

/**
 * The claim a request makes with its `Idempotency-Key`, or undefined without one. The key is the
 * user's and the route's; the path parameters and the body are what must match on a repeat.
 */
export function onceOf(request: FastifyRequest, actor: Actor, now: Date): Once | undefined {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || key === '') return undefined;
  return {
    userId: actor.id,
    scope: `${request.method} ${request.routeOptions.url}`,
    key,
    requestHash: hashRequest(request.params, request.body),
    now,
  };
}

/** Sends an answer that may be a replay; a replay says so. */
export function sendAnswer(reply: FastifyReply, answer: OnceAnswer): FastifyReply {
  if (answer.isReplay) reply.header('idempotent-replayed', 'true');
  return reply.status(answer.status).send(answer.body);
}

/**
 * A creating route's answer: `perform` runs as it always did without a key; with one it runs once
 * per key, in the transaction that stores its answer (the use case joins it, see `inTransaction`).
 */
export async function replyOnce(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: Actor,
  status: number,
  perform: (deps: Deps) => Promise<unknown>,
): Promise<FastifyReply> {
  const once = onceOf(request, actor, deps.clock.now());
  if (!once) return reply.status(status).send(await perform(deps));
  const answer = await answerOnce(deps.db, once, async (tx) => ({
    status,
    body: await perform({ ...deps, db: tx }),
  }));
  return sendAnswer(reply, answer);
}

function hashRequest(params: unknown, body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical([params ?? null, body ?? null])))
    .digest('base64url');
}

/** Object keys sorted, so that the same request written in another order is the same request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}
