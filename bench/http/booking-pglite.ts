// Booking over HTTP on PGlite, sequentially, against the captured statements replayed through
// `pglite.query`. The app is built in this process, since PGlite belongs to one process.
import { buildApp } from '../../src/app.ts';
import { openPglite } from '../../src/db/client.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Deps } from '../../src/deps.ts';
import { systemClock } from '../../src/lib/clock.ts';
import { seedDemo } from '../../src/seed/seed-demo.ts';
import { bookingRequest, captureBooking, configFor, prepareBooking } from './booking-request.ts';
import { combine, describe, type Load, runConcurrent } from './load.ts';
import { pgliteBookings } from './settings.ts';
import { oneLine, type Recorder, recordPgliteStatements } from './statements.ts';

export async function benchPglite(results: string[]) {
  const handle = await openPglite(undefined);
  const recorder: Recorder = { statements: null };
  try {
    await migrateToLatest(handle.db);
    await seedDemo(handle.db);
    recordPgliteStatements(handle, recorder);
    const deps: Deps = { db: handle.db, clock: systemClock, config: await configFor(handle.db) };
    const app = await buildApp(deps, { log: { level: 'error' } });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const warm = 10;
      const setup = await prepareBooking(handle.db, 2 + 2 * (warm + pgliteBookings));
      await captureBooking(app, handle.db, recorder, setup, 0);
      const captured = await captureBooking(app, handle.db, recorder, setup, 1);
      console.log(`a booking request on PGlite sends ${captured.statements.length} statements:`);
      for (const s of captured.statements) console.log(`  ${oneLine(s.text).slice(0, 110)}`);
      let next = 2;
      const http = async () => {
        const response = await fetch(`${url}/api/sites/east/appointments`, bookingRequest(setup, next++));
        await response.arrayBuffer();
        return response.status === 201;
      };
      const pglite = handle.pglite!;
      const replay = async () => {
        try {
          for (const s of captured.forEscalation(setup.escalations[next++]!))
            await pglite.query(s.text, s.values);
          return true;
        } catch (error) {
          console.error(`replay: ${String(error)}`);
          await pglite.query('ROLLBACK').catch(() => {});
          return false;
        }
      };
      await runConcurrent(warm, 1, http);
      await runConcurrent(warm, 1, replay);
      const httpLoads: Load[] = [];
      const rawLoads: Load[] = [];
      for (let phase = 0; phase < 2; phase++) {
        httpLoads.push(await runConcurrent(pgliteBookings / 2, 1, http));
        rawLoads.push(await runConcurrent(pgliteBookings / 2, 1, replay));
      }
      const httpLoad = combine(httpLoads);
      const rawLoad = combine(rawLoads);
      console.log(
        `booking over HTTP on PGlite (in-process app), sequential, ${pgliteBookings} each side, ${captured.statements.length} statements:`,
      );
      console.log(`  HTTP:                          ${describe(httpLoad)}`);
      console.log(`  PGlite replay, statement by statement: ${describe(rawLoad)}`);
      results.push(
        `http booking PGlite sequential: ${httpLoad.perSecond.toFixed(1)} bookings/s (ratio ${(httpLoad.perSecond / rawLoad.perSecond).toFixed(2)} of baseline ${rawLoad.perSecond.toFixed(1)}; goal >= 0.5) p99 ${httpLoad.p99.toFixed(0)} ms vs ${rawLoad.p99.toFixed(0)} ms`,
      );
    } finally {
      await app.close();
    }
  } finally {
    await handle.close();
  }
}
