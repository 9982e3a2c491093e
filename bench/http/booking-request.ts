// Preparing booking requests (escalations, a token, the windows), sending one, and capturing the
// statements one booking sends so the baselines can replay them.
import { randomUUID } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import type { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { withSigningSecret } from '../../src/db/installation-secret.ts';
import type { Deps } from '../../src/deps.ts';
import { issueApiToken } from '../../src/modules/users/session.ts';
import { madeIds, prepareEscalations } from '../booking.ts';
import { type Recorder, type Statement, swapIds } from './statements.ts';

/** Three windows on the Monday at least two days ahead, 10:00–11:00 at the east site. */
function bookingWindows(): string[] {
  const today = Temporal.Now.plainDateISO('America/New_York');
  let day = today.add({ days: 2 });
  while (day.dayOfWeek !== 1) day = day.add({ days: 1 });
  return ['10:00', '10:30', '11:00'].map((time) =>
    day
      .toPlainDateTime(Temporal.PlainTime.from(time))
      .toZonedDateTime('America/New_York')
      .toString({ timeZoneName: 'never' }),
  );
}

export type BookingSetup = {
  escalations: string[];
  token: string;
  windows: string[];
};

export async function prepareBooking(db: Deps['db'], count: number): Promise<BookingSetup> {
  await db.updateTable('sites').set({ callbacks_per_member: 1_000_000 }).where('slug', '=', 'east').execute();
  const { ids } = await prepareEscalations(db, count);
  const token = await issueApiToken(db, 'agent.east@demo.test', 'bench');
  return { escalations: ids, token, windows: bookingWindows() };
}

export function bookingRequest(setup: BookingSetup, i: number) {
  return {
    method: 'POST',
    headers: { authorization: `Bearer ${setup.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      escalationId: setup.escalations[i]!,
      start: setup.windows[i % setup.windows.length]!,
      customerTimeZone: 'America/Chicago',
    }),
  };
}

/**
 * Captures the statements of one booking request through an in-process app (same code, same
 * database), and returns a function that gives the statements of booking `escalationId` under
 * fresh ids for the rows a booking makes.
 */
export async function captureBooking(
  app: Awaited<ReturnType<typeof buildApp>>,
  db: Deps['db'],
  recorder: Recorder,
  setup: BookingSetup,
  index: number,
) {
  const request = bookingRequest(setup, index);
  recorder.statements = [];
  const response = await app.inject({
    method: 'POST',
    url: '/api/sites/east/appointments',
    headers: request.headers,
    payload: request.body,
  });
  const statements = recorder.statements;
  recorder.statements = null;
  if (response.statusCode !== 201) throw new Error(`captured booking failed: ${response.body}`);
  const made = await madeIds(db, response.json());
  const escalation = setup.escalations[index]!;
  return {
    statements,
    forEscalation(escalationId: string): Statement[] {
      const swaps = new Map<string, string>(made.map((id) => [id, randomUUID()]));
      swaps.set(escalation, escalationId);
      return statements.map((s) => swapIds(s, swaps));
    },
  };
}

export async function configFor(db: Deps['db']) {
  return { ...(await withSigningSecret(loadConfig({}), db)), publicUrl: 'http://bench.test' };
}
