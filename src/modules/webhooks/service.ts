import { randomBytes } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { webhookEventTypes } from '../events/types.ts';
import { findPrivateAddress } from './address.ts';
import * as repo from './repo.ts';

export type EndpointInput = { url: string; events: string[]; secret?: string };

function endpointView(row: repo.EndpointRow) {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    isActive: row.is_active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function deliveryView(row: repo.DeliveryRow) {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    messageId: row.message_id,
    eventType: row.event_type,
    recordKey: row.record_key,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    lastAttemptAt: row.last_attempt_at,
    lastDurationMs: row.last_duration_ms,
    deliveredAt: row.delivered_at,
    replayOf: row.replay_of,
    createdAt: row.created_at,
  };
}

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

function checkSecret(secret: string) {
  const key = secret.startsWith('whsec_') ? secret.slice(6) : '';
  if (!key || Buffer.from(key, 'base64').length < 24 || !/^[A-Za-z0-9+/]+=*$/.test(key)) {
    throw new AppError('unprocessable', 'secret must be "whsec_" followed by at least 24 bytes in base64');
  }
}

function checkEvents(events: string[]) {
  const unknown = events.filter((e) => !(webhookEventTypes as readonly string[]).includes(e));
  if (unknown.length) {
    throw new AppError('unprocessable', `unknown event types: ${unknown.join(', ')}`, {
      known: webhookEventTypes,
    });
  }
}

/** Only http(s), and (unless WEBHOOK_ALLOW_PRIVATE) nothing that resolves to a private address. */
async function checkUrl(deps: Deps, value: string): Promise<string> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('unprocessable', 'url must be an absolute http or https URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('unprocessable', 'url must be an absolute http or https URL');
  }
  if (url.username || url.password) throw new AppError('unprocessable', 'url must not carry credentials');
  if (!deps.config.webhookAllowPrivate) {
    const refusal = await findPrivateAddress(url);
    if (refusal) {
      throw new AppError('unprocessable', `webhook endpoints must be on public addresses: ${refusal}`);
    }
  }
  return url.toString();
}

export async function listEndpoints(deps: Deps, _actor: Actor) {
  return (await repo.listEndpoints(deps.db)).map(endpointView);
}

export async function getEndpoint(deps: Deps, _actor: Actor, id: string) {
  const row = await repo.findEndpoint(deps.db, id);
  if (!row) throw notFound('webhook', id);
  return endpointView(row);
}

/** Registers an endpoint; the secret (given or generated) is in this answer and never again. */
export async function createEndpoint(deps: Deps, _actor: Actor, input: EndpointInput) {
  const url = await checkUrl(deps, input.url);
  checkEvents(input.events);
  const secret = input.secret ?? generateSecret();
  checkSecret(secret);
  const row = await repo.insertEndpoint(deps.db, {
    url,
    events: [...new Set(input.events)],
    secret,
    now: deps.clock.now(),
  });
  return { ...endpointView(row), secret };
}

export async function updateEndpoint(
  deps: Deps,
  _actor: Actor,
  id: string,
  input: Partial<EndpointInput> & { isActive?: boolean },
) {
  const url = input.url === undefined ? undefined : await checkUrl(deps, input.url);
  if (input.events) checkEvents(input.events);
  if (input.secret !== undefined) checkSecret(input.secret);
  const row = await repo.updateEndpoint(deps.db, id, {
    url,
    events: input.events && [...new Set(input.events)],
    secret: input.secret,
    isActive: input.isActive,
    now: deps.clock.now(),
  });
  if (!row) throw notFound('webhook', id);
  return endpointView(row);
}

/** Removes the endpoint and its deliveries (pending ones are not sent). */
export async function deleteEndpoint(deps: Deps, _actor: Actor, id: string) {
  if (!(await repo.deleteEndpoint(deps.db, id))) throw notFound('webhook', id);
}

export async function listDeliveries(
  deps: Deps,
  actor: Actor,
  endpointId: string,
  options: { limit?: number; cursor?: string },
) {
  await getEndpoint(deps, actor, endpointId);
  const limit = options.limit ?? 50;
  const rows = await repo.listDeliveries(deps.db, endpointId, {
    limit: limit + 1,
    beforeSeq: options.cursor,
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map(deliveryView),
    nextCursor: rows.length > limit ? String(page[page.length - 1]!.seq) : null,
  };
}

/**
 * Sends a delivery again, whatever became of it: a new delivery of the same message (same
 * `webhook-id`, so a receiver that kept it can tell), queued behind its record's pending ones.
 */
export async function replayDelivery(deps: Deps, _actor: Actor, endpointId: string, deliveryId: string) {
  const original = await repo.findDelivery(deps.db, endpointId, deliveryId);
  if (!original) throw notFound('delivery', deliveryId);
  return deliveryView(await repo.insertReplay(deps.db, original, deps.clock.now()));
}

/** The daily purge's part (`jobs/housekeeping.ts`): finished deliveries older than `before`. */
export async function forgetOldDeliveries(db: Deps['db'], before: Date) {
  await repo.purgeFinishedDeliveries(db, before);
}
