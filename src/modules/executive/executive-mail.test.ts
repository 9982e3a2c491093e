import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import nodemailer from 'nodemailer';
import { createTestContext } from '../../../test/context.ts';
import { startInboundSmtp } from './inbound-smtp.ts';
import { startExecutiveMailListener } from './listener.ts';

const ctx = await createTestContext();
const errors: unknown[] = [];
const listener = await startExecutiveMailListener(ctx.deps, {
  port: 0,
  host: '127.0.0.1',
  maxBytes: 64 * 1024,
  onError: (error) => errors.push(error),
});
after(() => listener.stop());

const address = ctx.deps.config.executiveEscalationsAddress;
const transport = nodemailer.createTransport({
  host: '127.0.0.1',
  port: listener.port,
  secure: false,
  ignoreTLS: true,
});

async function tasksFromMail() {
  return ctx.db
    .selectFrom('tasks as t')
    .leftJoin('users as u', 'u.id', 't.assignee_id')
    .select(['t.id', 't.title', 't.type', 't.details', 'u.email as assignee', 't.job_id'])
    .where('t.type', '=', 'executive_case')
    .execute();
}

test('a mail to the executive address opens a case assigned to exec@demo.test before the 250', async () => {
  const before = (await tasksFromMail()).length;
  const info = await transport.sendMail({
    from: '"Pat Customer" <pat@example.com>',
    to: address,
    subject: 'Formal complaint about my refrigerator repair',
    text: 'Three visits and still broken. I am writing to the CEO.',
  });
  assert.match(info.response, /^250/);
  const tasks = await tasksFromMail();
  assert.equal(tasks.length, before + 1);
  const task = tasks.find((t) => t.title === 'Formal complaint about my refrigerator repair')!;
  assert.equal(task.title, 'Formal complaint about my refrigerator repair');
  assert.equal(task.assignee, 'exec@demo.test');
  const details = task.details as Record<string, unknown>;
  assert.equal(details.from, 'Pat Customer <pat@example.com>');
  assert.equal(details.body, 'Three visits and still broken. I am writing to the CEO.');

  const seen = await ctx.as('exec@demo.test').get(`/api/tasks/${task.id}`);
  assert.equal(seen.status, 200);
  assert.equal(seen.body.type, 'executive_case');
});

test('a job number in the mail links the case to the job and its timeline', async () => {
  await transport.sendMail({
    from: 'ceo-office@example.com',
    to: address.toUpperCase(),
    subject: 'Escalation on J-100110',
    text: 'Please call the customer today.',
  });
  const task = (await tasksFromMail()).find((t) => t.title === 'Escalation on J-100110')!;
  assert.ok(task.job_id, 'linked to the job');
  const job = await ctx.as('agent.east@demo.test').get('/api/jobs/J-100110');
  assert.equal(job.body.notes.at(-1).kind, 'task.created');
});

test('a retried message with the same Message-ID opens no second case', async () => {
  const message = {
    from: 'pat@example.com',
    to: address,
    subject: 'Retry me',
    text: 'once',
    messageId: '<retry-1@example.com>',
  };
  await transport.sendMail(message);
  const info = await transport.sendMail(message);
  assert.match(info.response, /^250/);
  const matching = (await tasksFromMail()).filter((t) => t.title === 'Retry me');
  assert.equal(matching.length, 1);
});

test('a mail with NUL and other control characters still opens the case, without them', async () => {
  const info = await transport.sendMail({
    from: '"Pat\u0000 Customer" <pat@example.com>',
    to: address,
    subject: 'Broken\u0000 fridge\u0007 again',
    text: 'First line\u0000\r\nSecond\tline\u001b[31m red',
    messageId: '<nul-1@example.com>',
  });
  assert.match(info.response, /^250/);
  const task = (await tasksFromMail()).find((t) => t.title.startsWith('Broken'));
  assert.ok(task, 'the case exists');
  assert.equal(task.title, 'Broken  fridge  again');
  const details = task.details as Record<string, unknown>;
  assert.equal(details.body, 'First line\nSecond\tline[31m red');
  assert.match(String(details.from), /^Pat +Customer <pat@example.com>$/);
  assert.deepEqual(errors, []);
});

test('other recipients are refused with 550 and open nothing', async () => {
  const before = (await tasksFromMail()).length;
  await assert.rejects(
    transport.sendMail({ from: 'pat@example.com', to: 'someone-else@demo.test', subject: 'x', text: 'x' }),
    (error: { responseCode?: number; response?: string }) => {
      assert.equal(error.responseCode, 550);
      assert.doesNotMatch(error.response ?? '', /550 550/);
      return true;
    },
  );
  assert.equal((await tasksFromMail()).length, before);
});

test('a message over the size limit is refused with 552', async () => {
  const before = (await tasksFromMail()).length;
  await assert.rejects(
    transport.sendMail({
      from: 'pat@example.com',
      to: address,
      subject: 'big',
      text: 'x'.repeat(100 * 1024),
    }),
    (error: { responseCode?: number }) => error.responseCode === 552,
  );
  assert.equal((await tasksFromMail()).length, before);
});

test('when the message cannot be stored the sender is told to retry (451)', async () => {
  const failing = await startInboundSmtp({
    port: 0,
    host: '127.0.0.1',
    recipients: [address],
    maxBytes: 1024 * 1024,
    onMail: async () => {
      throw new Error('database is down');
    },
  });
  try {
    const client = nodemailer.createTransport({ host: '127.0.0.1', port: failing.port, ignoreTLS: true });
    await assert.rejects(
      client.sendMail({ from: 'pat@example.com', to: address, subject: 'x', text: 'x' }),
      (error: { responseCode?: number }) => error.responseCode === 451,
    );
  } finally {
    await failing.stop();
  }
  assert.deepEqual(errors, []);
});
