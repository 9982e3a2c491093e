import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { simpleParser } from 'mailparser';
import ical, { type VEvent } from 'node-ical';
import { SMTPServer } from 'smtp-server';
import { createTestContext } from '../../../test/context.ts';
import { timerHandlers } from '../../jobs/handlers.ts';
import { runDueTimers } from '../../jobs/runner.ts';
import { book, escalationReadyToBook } from '../booking/test-helpers.ts';

const ctx = await createTestContext({ now: '2026-11-26T15:00:00Z' });

/** A real SMTP server on loopback that records what it accepts. */
function startSmtp(port = 0) {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  return new Promise<{ port: number; received: string[]; close(): Promise<void> }>((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      resolve({
        port: (server.server.address() as AddressInfo).port,
        received,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

const smtp = await startSmtp();
after(() => smtp.close());
const smtpDeps = { ...ctx.deps, config: { ...ctx.deps.config, smtpUrl: `smtp://127.0.0.1:${smtp.port}` } };

async function mailFor(appointmentId: string) {
  const mailbox = await ctx.as('admin@demo.test').get('/api/mailbox');
  assert.equal(mailbox.status, 200);
  return mailbox.body.items.find((m: { relatedId: string }) => m.relatedId === appointmentId);
}

test('the confirmation reaches a real SMTP server with an invite at the right UTC start', async () => {
  const booked = await book(
    ctx,
    await escalationReadyToBook(ctx),
    '2026-11-30T10:00:00-05:00',
    'America/Denver',
  );
  assert.equal(booked.status, 201);
  await runDueTimers(smtpDeps, timerHandlers);
  assert.equal(smtp.received.length, 1);

  const parsed = await simpleParser(smtp.received[0]!);
  assert.match(
    parsed.subject ?? '',
    /East Leadership Desk: Monday 30 November, 8:00 AM – 8:30 AM Mountain Time/,
  );
  assert.match(parsed.text ?? '', /within 5 minutes/);
  assert.match(String(parsed.html), /Reschedule or cancel your callback/);
  assert.ok(parsed.text?.includes(booked.body.confirmation.manageUrl));
  const calendars = parsed.attachments.filter((a) => a.contentType.startsWith('text/calendar'));
  assert.ok(
    calendars.length >= 1 && calendars.length <= 2,
    'nodemailer adds the inline part and invite.ics only',
  );
  const invite = ical.sync.parseICS(calendars[0]!.content.toString('utf8'));
  assert.equal(invite.vcalendar?.method, 'REQUEST');
  const event = Object.values(invite).find((c) => c?.type === 'VEVENT') as VEvent;
  assert.equal(event.start.toISOString(), '2026-11-30T15:00:00.000Z');
  assert.equal(event.end?.toISOString(), '2026-11-30T15:30:00.000Z');
  assert.equal(event.uid, `appointment-${booked.body.appointment.id}@escalation-desk`);

  const stored = await mailFor(booked.body.appointment.id);
  assert.equal(stored.status, 'sent');
  assert.equal(stored.attempts, 1);
  assert.equal(stored.raw, smtp.received[0], 'the stored raw source is what the server received');
  await runDueTimers(smtpDeps, timerHandlers);
  assert.equal(smtp.received.length, 1, 'a sent message is not sent again');
});

test('with the SMTP server down, mail waits with its error and is delivered once when it is back', async () => {
  const downSmtp = await startSmtp();
  const downDeps = {
    ...ctx.deps,
    config: { ...ctx.deps.config, smtpUrl: `smtp://127.0.0.1:${downSmtp.port}` },
  };
  await downSmtp.close();

  const booked = await book(
    ctx,
    await escalationReadyToBook(ctx),
    '2026-11-30T11:00:00-05:00',
    'America/New_York',
  );
  await runDueTimers(downDeps, timerHandlers);
  let stored = await mailFor(booked.body.appointment.id);
  assert.equal(stored.status, 'pending');
  assert.equal(stored.attempts, 1);
  assert.match(stored.lastError, /ECONNREFUSED|connect/i);
  assert.ok(stored.nextAttemptAt, 'the next try is scheduled');

  ctx.clock.advance(2_000);
  await runDueTimers(downDeps, timerHandlers);
  stored = await mailFor(booked.body.appointment.id);
  assert.equal(stored.status, 'pending');
  assert.equal(stored.attempts, 2);

  const back = await startSmtp(downSmtp.port);
  after(() => back.close());
  await runDueTimers(downDeps, timerHandlers);
  assert.equal(back.received.length, 0, 'nothing is sent before the backoff has passed');
  ctx.clock.advance(10_000);
  await runDueTimers(downDeps, timerHandlers);
  ctx.clock.advance(60 * 60_000);
  await runDueTimers(downDeps, timerHandlers);
  assert.equal(back.received.length, 1, 'delivered exactly once');
  stored = await mailFor(booked.body.appointment.id);
  assert.equal(stored.status, 'sent');
  assert.equal(stored.attempts, 3);
  assert.equal(stored.lastError, null);
  assert.match(back.received[0]!, new RegExp(`Message-ID: <${stored.id}@demo.test>`, 'i'));
});

test('without SMTP_URL mail is kept with its MIME source and listed newest first for admins', async () => {
  const booked = await book(
    ctx,
    await escalationReadyToBook(ctx),
    '2026-11-30T12:00:00-05:00',
    'America/New_York',
  );
  await runDueTimers(ctx.deps, timerHandlers);
  const mailbox = await ctx.as('admin@demo.test').get('/api/mailbox');
  const newest = mailbox.body.items[0];
  assert.equal(newest.relatedId, booked.body.appointment.id);
  assert.equal(newest.status, 'kept');
  assert.match(newest.raw, /Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
  assert.match(newest.to, /@example\.test$/);
  // Decoded for reading: headers and the text part, no MIME or quoted-printable left in it.
  assert.match(newest.from, /@/);
  assert.equal(Date.parse(newest.date), Date.parse(newest.createdAt) - (Date.parse(newest.createdAt) % 1000));
  assert.ok(newest.text.length > 0);
  assert.doesNotMatch(newest.text, /Content-Type|=\r?\n|=3D/);
  assert.match(newest.text, /https?:\/\/\S+\/manage\//);
  assert.deepEqual(
    newest.attachments.map((a: { contentType: string }) => a.contentType),
    ['text/calendar', 'application/ics'],
  );
  const times = mailbox.body.items.map((m: { createdAt: string }) => Date.parse(m.createdAt));
  assert.deepEqual(
    times,
    [...times].sort((a, b) => b - a),
  );
  const agent = await ctx.as('agent.east@demo.test').get('/api/mailbox');
  assert.equal(agent.status, 403);
});
