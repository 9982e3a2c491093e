import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { Deps } from '../../deps.ts';
import { findPrivateAddress } from './address.ts';
import * as repo from './repo.ts';
import { runAsSystem } from '../../db/row-security.ts';

/** Give up on a delivery this long after it was written (its record's later ones then go on). */
export const retryForMs = 24 * 60 * 60_000;
const firstRetryMs = 5_000;
const maxRetryMs = 60 * 60_000;

/** 5 s, 10 s, 20 s, … at most an hour apart; null once the next try would fall past a day. */
export function nextAttemptAt(createdAt: Date, attempts: number, now: Date): Date | null {
  const delayMs = Math.min(maxRetryMs, firstRetryMs * 2 ** Math.max(0, attempts - 1));
  const at = new Date(now.getTime() + delayMs);
  return at.getTime() - createdAt.getTime() > retryForMs ? null : at;
}

/** The signed request a receiver gets: Standard Webhooks headers over the exact body bytes. */
export function signDelivery(delivery: { message_id: string; payload: unknown; secret: string }, at: Date) {
  const body = JSON.stringify(delivery.payload);
  const signature = new Webhook(delivery.secret).sign(delivery.message_id, at, body);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'EscalationDesk-Webhooks/1',
      'webhook-id': delivery.message_id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    },
  };
}

async function post(
  deps: Deps,
  delivery: repo.ClaimedDelivery,
): Promise<{ statusCode: number | null; error: string | null }> {
  const url = new URL(delivery.url);
  // Checked again at send time: a name may resolve elsewhere now than when it was registered.
  const refusal = deps.config.webhookAllowPrivate ? null : await findPrivateAddress(url);
  if (refusal) return { statusCode: null, error: `refused: ${refusal}` };
  const { body, headers } = signDelivery(delivery, deps.clock.now());
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(deps.config.webhookTimeoutMs),
    });
    await response.body?.cancel();
    const isOk = response.status >= 200 && response.status < 300;
    return { statusCode: response.status, error: isOk ? null : `answered ${response.status}` };
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return { statusCode: null, error: `no answer within ${deps.config.webhookTimeoutMs} ms` };
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { statusCode: null, error: cause?.code ?? cause?.message ?? (error as Error).message };
  }
}

/** Sends one leased delivery and records the outcome (delivered, or retried with backoff). */
async function sendOne(deps: Deps, delivery: repo.ClaimedDelivery): Promise<boolean> {
  const started = performance.now();
  const { statusCode, error } = await post(deps, delivery);
  const at = deps.clock.now();
  const outcome = { statusCode, error, durationMs: Math.round(performance.now() - started), at };
  if (!error) {
    await repo.markDelivered(deps.db, delivery.id, outcome);
    return true;
  }
  const retryAt = nextAttemptAt(delivery.created_at, delivery.attempts, at);
  await repo.markAttemptFailed(deps.db, delivery.id, delivery.lease, outcome, retryAt);
  return false;
}

/** Leases due deliveries for this process (the lease outlives the timeout, so nobody sends twice meanwhile). */
function claim(deps: Deps, limit: number) {
  const now = deps.clock.now();
  return repo.claimDueDeliveries(deps.db, {
    now,
    limit,
    perEndpoint: Math.max(1, Math.floor(deps.config.webhookConcurrency / 2)),
    leaseUntil: new Date(now.getTime() + deps.config.webhookTimeoutMs + 60_000),
    lease: randomUUID(),
  });
}

export type DeliveryPass = { sent: number; failed: number };

/**
 * One pass: claims what is due (up to the concurrency), sends it all at once and waits for every
 * answer. Tests call this directly; the runner below keeps the slots full instead.
 */
export async function runDueDeliveries(deps: Deps): Promise<DeliveryPass> {
  const claimed = await claim(deps, deps.config.webhookConcurrency);
  const results = await Promise.all(claimed.map((delivery) => sendOne(deps, delivery)));
  return { sent: results.filter(Boolean).length, failed: results.filter((ok) => !ok).length };
}

export type WebhookRunner = { wake(): void; stop(): Promise<void> };

/**
 * Keeps up to `webhookConcurrency` deliveries in flight: a slot that frees up is filled at once,
 * so a slow receiver holds one slot, not the pass. Polls every `intervalMs`; `wake()` (a NOTIFY
 * on `ed_webhooks`) claims at once.
 */
export function startWebhookRunner(deps: Deps, options: { intervalMs?: number } = {}): WebhookRunner {
  const intervalMs = options.intervalMs ?? 1000;
  const inFlight = new Set<Promise<unknown>>();
  let isStopped = false;
  let isClaiming = false;
  let isWoken = false;
  // Background work runs as the owner: a wake-up from a NOTIFY (PGlite) would otherwise carry the
  // row-security context of the request that committed it.
  const fill = (): Promise<void> => runAsSystem(fillSlots);
  const fillSlots = async () => {
    if (isStopped) return;
    if (isClaiming) {
      isWoken = true;
      return;
    }
    isClaiming = true;
    try {
      do {
        isWoken = false;
        const free = deps.config.webhookConcurrency - inFlight.size;
        if (free <= 0) break;
        for (const delivery of await claim(deps, free)) {
          const sending: Promise<unknown> = sendOne(deps, delivery)
            .catch((error: unknown) =>
              console.error(`webhook delivery ${delivery.id}: ${(error as Error).message}`),
            )
            .finally(() => {
              inFlight.delete(sending);
              void fill();
            });
          inFlight.add(sending);
        }
      } while (isWoken && !isStopped);
    } catch (error) {
      console.error(`webhook runner: ${(error as Error).message}`);
    } finally {
      isClaiming = false;
    }
  };
  const interval = setInterval(() => void fill(), intervalMs);
  void fill();
  return {
    wake: () => void fill(),
    async stop() {
      isStopped = true;
      clearInterval(interval);
      await Promise.all(inFlight);
    },
  };
}
