// Booking over HTTP on PostgreSQL at 8 clients against the captured statements replayed by a plain
// `pg` pool; then /api/me and the task list on the same server, and the server's RSS.
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { buildApp } from '../../src/app.ts';
import { openPostgres } from '../../src/db/client.ts';
import type { Deps } from '../../src/deps.ts';
import { systemClock } from '../../src/lib/clock.ts';
import { createBenchDatabase } from '../database.ts';
import { benchMe } from './api-me.ts';
import { bookingRequest, captureBooking, configFor, prepareBooking } from './booking-request.ts';
import { combine, describe, type Load, runConcurrent } from './load.ts';
import { withPeakRss } from './rss.ts';
import { type Server, spawnServer } from './server.ts';
import { concurrency, perPhase } from './settings.ts';
import { oneLine, type Recorder, recordPgStatements } from './statements.ts';
import { benchTaskList } from './task-list.ts';

export async function benchPostgres(results: string[]) {
  const database = await createBenchDatabase('http');
  let server: Server | undefined;
  const handle = await openPostgres(database.url, { max: concurrency });
  const recorder: Recorder = { statements: null };
  const stopRecording = recordPgStatements(recorder);
  const uptimeAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  try {
    server = await spawnServer(database.url); // migrates and loads the demo organisation
    await delay(2000);
    const idleMb = server.rssMb();
    console.log(`server pid ${server.pid} at ${server.url}; RSS idle after start ${idleMb.toFixed(0)} MB`);

    // An in-process app on the same database, only to capture what requests send.
    const captureHandle = await openPostgres(database.url, { max: 2 });
    const replayPool = new pg.Pool({ connectionString: database.url, max: concurrency });
    // A cut-short run drops the database under it: idle clients then report on the pool.
    replayPool.on('error', () => {});
    const deps: Deps = {
      db: captureHandle.db,
      clock: systemClock,
      config: await configFor(captureHandle.db),
    };
    const app = await buildApp(deps, { log: { level: 'error' } });
    try {
      const warm = 20;
      const setup = await prepareBooking(handle.db, 2 + 2 * (warm + 2 * perPhase));
      // The first use of a token writes its last-use time: capture the second booking.
      await captureBooking(app, handle.db, recorder, setup, 0);
      const captured = await captureBooking(app, handle.db, recorder, setup, 1);
      console.log(`a booking request sends ${captured.statements.length} statements:`);
      for (const s of captured.statements) console.log(`  ${oneLine(s.text).slice(0, 110)}`);

      let nextEscalation = 2;
      const take = () => setup.escalations[nextEscalation++]!;
      const http = async () => {
        const request = bookingRequest(setup, nextEscalation++);
        const response = await fetch(`${server!.url}/api/sites/east/appointments`, request);
        await response.arrayBuffer();
        return response.status === 201;
      };
      const replay = async () => {
        const client = await replayPool.connect();
        try {
          for (const s of captured.forEscalation(take())) await client.query(s.text, s.values);
          return true;
        } catch (error) {
          console.error(`replay: ${String(error)}`);
          await client.query('ROLLBACK').catch(() => {});
          return false;
        } finally {
          client.release();
        }
      };
      await runConcurrent(warm, concurrency, http);
      await runConcurrent(warm, concurrency, replay);
      const httpLoads: Load[] = [];
      const rawLoads: Load[] = [];
      const { peakMb } = await withPeakRss(server, async () => {
        for (let phase = 0; phase < 2; phase++) {
          httpLoads.push(await runConcurrent(perPhase / 2, concurrency, http));
          rawLoads.push(await runConcurrent(perPhase / 2, concurrency, replay));
        }
      });
      const httpLoad = combine(httpLoads);
      const rawLoad = combine(rawLoads);
      console.log(`booking over HTTP on PostgreSQL, ${concurrency} clients, ${perPhase} bookings each side:`);
      console.log(`  HTTP (real server):           ${describe(httpLoad)}`);
      console.log(`  pg replay, statement by statement: ${describe(rawLoad)}`);
      const ratio = httpLoad.perSecond / rawLoad.perSecond;
      results.push(
        `http booking PostgreSQL -c ${concurrency}: ${httpLoad.perSecond.toFixed(1)} bookings/s (ratio ${ratio.toFixed(2)} of baseline ${rawLoad.perSecond.toFixed(1)}; goal >= 0.5) p99 ${httpLoad.p99.toFixed(0)} ms vs ${rawLoad.p99.toFixed(0)} ms`,
      );
      await benchMe(server, app, recorder, database.url, handle, results);
      await benchTaskList(server, app, recorder, handle, results);
      await delay(3000);
      const idleAfterMb = server.rssMb();
      results.push(
        `server RSS PostgreSQL: idle ${idleMb.toFixed(0)} MB (goal < 150), peak under booking load ${peakMb.toFixed(0)} MB, idle after all load ${idleAfterMb.toFixed(0)} MB`,
      );
    } finally {
      await app.close();
      await captureHandle.close();
      await replayPool.end();
    }
  } finally {
    stopRecording();
    await server?.stop();
    await handle.close();
    await database.drop();
    console.log(
      `load average at start ${uptimeAtStart}, at end ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
    );
  }
}
