import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';

/** What an operator watches, read from the database when Prometheus scrapes (so every process agrees). */
export type OperationalGauges = {
  /** Outbound messages not yet sent or kept. */
  outboxBacklog: number;
  /** Of those, messages whose last delivery attempt failed (mail is retried, never dropped). */
  mailFailing: number;
  /** Transfers waiting, answered or in conference. */
  openTransfers: number;
  /** Contact promises alerted as at risk and neither kept, broken nor superseded yet. */
  promisesAtRisk: number;
  /** Seconds since the most overdue pending timer fell due (0 when none is overdue). */
  oldestDueTimerSeconds: number;
};

/**
 * One round trip. The timer and transfer counts walk partial indexes; the outbox and promise counts
 * scan their tables (no index on status yet; both stay small while housekeeping purges old rows).
 */
export async function readOperationalGauges(db: Db): Promise<OperationalGauges> {
  const result = await sql<{
    outbox_backlog: number;
    mail_failing: number;
    open_transfers: number;
    promises_at_risk: number;
    oldest_due_timer_seconds: number | null;
  }>`
    SELECT
      (SELECT count(*) FROM outbound_messages WHERE status = 'pending')::int AS outbox_backlog,
      (SELECT count(*) FROM outbound_messages WHERE status = 'pending' AND attempts > 0)::int AS mail_failing,
      (SELECT count(*) FROM transfer_requests
        WHERE status IN ('waiting', 'answered', 'conferenced'))::int AS open_transfers,
      (SELECT count(*) FROM task_promises
        WHERE at_risk_at IS NOT NULL AND kept_at IS NULL AND broken_at IS NULL
          AND superseded_at IS NULL)::int AS promises_at_risk,
      (SELECT extract(epoch FROM now() - min(due_at))::float8 FROM timers
        WHERE status = 'pending' AND due_at <= now()) AS oldest_due_timer_seconds`.execute(db);
  const row = result.rows[0]!;
  return {
    outboxBacklog: Number(row.outbox_backlog),
    mailFailing: Number(row.mail_failing),
    openTransfers: Number(row.open_transfers),
    promisesAtRisk: Number(row.promises_at_risk),
    oldestDueTimerSeconds: Math.max(0, Number(row.oldest_due_timer_seconds ?? 0)),
  };
}
