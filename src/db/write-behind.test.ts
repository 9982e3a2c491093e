import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase } from '../../test/database.ts';
import { publishEvents } from '../modules/events/publish.ts';
import { addJobNote } from '../modules/jobs/notes.ts';
import { type BehindWrite, withWritesBehind, writeBehind } from './write-behind.ts';

const handle = await createTestDatabase();
after(() => handle.close());
const db = handle.db;
const job = await db
  .selectFrom('jobs')
  .select('id')
  .where('number', '=', 'J-100100')
  .executeTakeFirstOrThrow();

const notesOf = async (kind: string) =>
  (
    await db
      .selectFrom('job_notes')
      .select('body')
      .where('job_id', '=', job.id)
      .where('kind', '=', kind)
      .orderBy('seq')
      .execute()
  ).map((n) => n.body);

const note = (kind: string, body: string) => ({ jobId: job.id, authorId: null, kind, body });

test('appends wait until the work is done, then go in together, in the order they were made', async () => {
  const seenInside = await db.transaction().execute((tx) =>
    withWritesBehind(tx, async () => {
      await addJobNote(tx, note('test.behind', 'first'));
      await publishEvents(tx, [{ type: 'test.ping', userIds: [], data: { n: 1 } }]);
      await addJobNote(tx, note('test.behind', 'second'));
      await publishEvents(tx, [{ type: 'test.ping', userIds: [], data: { n: 2 } }]);
      await addJobNote(tx, note('test.behind', 'third'));
      return (await tx.selectFrom('job_notes').select('id').where('kind', '=', 'test.behind').execute())
        .length;
    }),
  );
  assert.equal(seenInside, 0, 'nothing is written while the work runs');
  assert.deepEqual(await notesOf('test.behind'), ['first', 'second', 'third']);
  const events = await db
    .selectFrom('events')
    .select('data')
    .where('type', '=', 'test.ping')
    .orderBy('id')
    .execute();
  assert.deepEqual(
    events.map((e) => (e.data as { n: number }).n),
    [1, 2],
  );
});

test('work that fails writes nothing it appended', async () => {
  await assert.rejects(
    db.transaction().execute((tx) =>
      withWritesBehind(tx, async () => {
        await addJobNote(tx, note('test.failed', 'never'));
        throw new Error('the action failed');
      }),
    ),
    /the action failed/,
  );
  assert.deepEqual(await notesOf('test.failed'), []);
});

test('outside such work an append is written at once', async () => {
  const seen = await db.transaction().execute(async (tx) => {
    await addJobNote(tx, note('test.direct', 'now'));
    return (await tx.selectFrom('job_notes').select('id').where('kind', '=', 'test.direct').execute()).length;
  });
  assert.equal(seen, 1);
  assert.deepEqual(await notesOf('test.direct'), ['now']);
});

test('a conditional write that writes fewer rows fails the transaction with its own error', async () => {
  // Adds a setting only if its key is new: the second time it writes nothing.
  const addSetting: BehindWrite<{ key: string }> = {
    write: (_db, rows) => sql`
      INSERT INTO settings (key, value)
      SELECT r.key, '{}'::jsonb FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(key text)
      ON CONFLICT (key) DO NOTHING
      RETURNING key`,
    refused: async (rows, written) => new Error(`${rows.length - written} setting(s) already there`),
  };
  const attempt = (kind: string) =>
    db.transaction().execute((tx) =>
      withWritesBehind(tx, async () => {
        writeBehind(tx, addSetting, [{ key: 'test.once' }]);
        await addJobNote(tx, note(kind, 'with the setting'));
      }),
    );
  await attempt('test.first');
  await assert.rejects(attempt('test.second'), /1 setting\(s\) already there/);
  assert.deepEqual(await notesOf('test.first'), ['with the setting']);
  assert.deepEqual(await notesOf('test.second'), [], 'the refused transaction wrote nothing');
});
