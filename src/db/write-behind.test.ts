import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createTestDatabase } from '../../test/database.ts';
import { publishEvents } from '../modules/events/publish.ts';
import { addJobNote } from '../modules/jobs/notes.ts';
import { withWritesBehind } from './write-behind.ts';

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
