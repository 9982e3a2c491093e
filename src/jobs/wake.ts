import pg from 'pg';
import type { DatabaseHandle } from '../db/client.ts';
import { runAsSystem } from '../db/row-security.ts';

/**
 * Calls `onNotify` whenever a NOTIFY arrives on the channel, from any process. On PostgreSQL a
 * dedicated connection LISTENs (reconnecting after a loss); on PGlite the embedded instance does.
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
  const connect = async () => {
    const next = new pg.Client({ connectionString });
    next.on('notification', (message) => onNotify(message.payload ?? ''));
    next.on('error', () => reconnect());
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      client = next;
      onNotify(''); // anything announced while we were not listening is due now
    } catch {
      next.end().catch(() => {});
      reconnect();
    }
  };
  const reconnect = () => {
    if (isStopped || retry) return;
    client?.end().catch(() => {});
    client = undefined;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, 1000);
  };
  await connect();
  return async () => {
    isStopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}
