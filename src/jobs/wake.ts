import pg from 'pg';
import type { DatabaseHandle } from '../db/client.ts';
import { runAsSystem } from '../db/row-security.ts';

/** Waits between attempts to LISTEN again: doubling from the first to the last, then staying there. */
const reconnectDelaysMs = { first: 250, last: 10_000 };

/**
 * Calls `onNotify` whenever a NOTIFY arrives on the channel, from any process. On PostgreSQL a
 * dedicated connection LISTENs; when it is lost (a restart, a failover, a terminated backend) it
 * connects and LISTENs again by itself, with backoff, and then calls `onNotify('')`: the listener
 * catches up on what was announced while nobody listened. On PGlite the embedded instance listens.
 * Returns a function that stops listening. Polling remains the safety net if a notification is lost.
 */
export async function listenForNotifications(
  handle: DatabaseHandle,
  channel: string,
  onNotify: (payload: string) => void,
): Promise<() => Promise<void>> {
  // PGlite calls back in the context of the query that committed the NOTIFY, maybe a person's
  // request: what a notification sets off is system work.
  if (handle.pglite) return handle.pglite.listen(channel, (payload) => runAsSystem(() => onNotify(payload)));
  const connectionString = (handle.pool?.options as { connectionString?: string } | undefined)
    ?.connectionString;
  if (!connectionString) return async () => {};
  let client: pg.Client | undefined;
  let isStopped = false;
  let retry: NodeJS.Timeout | undefined;
  let delayMs = reconnectDelaysMs.first;
  let lostSince: number | undefined;

  const connect = async () => {
    const next = new pg.Client({ connectionString, keepAlive: true, connectionTimeoutMillis: 10_000 });
    next.on('notification', (message) => onNotify(message.payload ?? ''));
    // Every client keeps this listener for life: a second 'error' after the first (the server's
    // message, then the closed socket) must not end the process either.
    next.on('error', () => {
      if (client === next) reconnect();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch {
      next.end().catch(() => {});
      reconnect();
      return;
    }
    if (isStopped) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
    delayMs = reconnectDelaysMs.first;
    if (lostSince !== undefined) {
      console.error(
        `LISTEN ${channel}: listening again after ${Math.round(performance.now() - lostSince)} ms`,
      );
      lostSince = undefined;
    }
    onNotify(''); // anything announced while we were not listening is due now
  };

  const reconnect = () => {
    if (isStopped || retry) return;
    if (lostSince === undefined) {
      lostSince = performance.now();
      console.error(`LISTEN ${channel}: connection lost; reconnecting`);
    }
    client?.end().catch(() => {});
    client = undefined;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, delayMs);
    delayMs = Math.min(delayMs * 2, reconnectDelaysMs.last);
  };

  await connect();
  return async () => {
    isStopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}
