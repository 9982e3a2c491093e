import assert from 'node:assert/strict';
import { test } from 'node:test';
import ical, { type VEvent } from 'node-ical';
import { buildDeskFeed, buildInvite, type CalendarAppointment, fold } from './ical.ts';

const appointment: CalendarAppointment = {
  id: '6f1c1f9e-2f7a-4a51-9a55-1d1f3c0c2a11',
  start: new Date('2026-11-30T15:00:00Z'),
  end: new Date('2026-11-30T15:30:00Z'),
  status: 'booked',
  sequence: 2,
  summary: 'Callback from the East Leadership Desk; job J-100100, about the dryer',
  description:
    'A Customer Advocacy Supervisor will call you about job J-100100.\nWe call within 5 minutes; if missed, again within 15 — then a voicemail, and an email: ünïcödé, 東京, back\\slash.',
  updatedAt: new Date('2026-11-26T15:00:00Z'),
};
const organizer = { name: 'East "Leadership" Desk', email: 'east@desk.test' };
const attendee = { name: 'María García', email: 'maria@example.test' };

const events = (content: string) =>
  Object.values(ical.sync.parseICS(content)).filter((c): c is VEvent => c?.type === 'VEVENT');

test('an invite parses back to the same event, whatever its text holds', () => {
  const { method, content } = buildInvite(appointment, organizer, attendee);
  assert.equal(method, 'REQUEST');
  assert.match(content, /\r\nMETHOD:REQUEST\r\n/);
  const [event] = events(content);
  assert.ok(event);
  assert.equal(event.uid, `appointment-${appointment.id}@escalation-desk`);
  assert.equal(String(event.sequence), '2');
  assert.equal(event.start.toISOString(), '2026-11-30T15:00:00.000Z');
  assert.equal(event.end?.toISOString(), '2026-11-30T15:30:00.000Z');
  assert.equal(event.summary, appointment.summary);
  assert.equal(event.description, appointment.description);
  assert.equal(event.status, 'CONFIRMED');
  assert.match(String((event.attendee as { val: string }).val), /^MAILTO:maria@example\.test$/i);
});

test('every line is at most 75 octets, ends in CRLF, and is never cut inside a character', () => {
  const { content } = buildInvite(appointment, organizer, attendee);
  for (const line of content.split('\r\n')) {
    assert.ok(Buffer.byteLength(line) <= 75, `too long: ${line}`);
    assert.ok(!line.includes('\n') && !line.includes('\r'));
    assert.ok(!line.includes('\uFFFD'));
  }
  assert.equal(fold('short'), 'short');
  const long = 'é'.repeat(80);
  assert.equal(fold(long).replace(/\r\n /g, ''), long);
});

test('a cancellation is METHOD:CANCEL; the feed marks it STATUS:CANCELLED and names the desk', () => {
  const cancelled = { ...appointment, status: 'cancelled' as const, sequence: 3 };
  const invite = buildInvite(cancelled, organizer, attendee);
  assert.equal(invite.method, 'CANCEL');
  assert.match(invite.content, /\r\nMETHOD:CANCEL\r\n/);
  const feed = buildDeskFeed(
    'East Leadership Desk, callbacks',
    [appointment, { ...cancelled, id: 'other' }],
    organizer,
  );
  assert.match(feed, /\r\nX-WR-CALNAME:East Leadership Desk\\, callbacks\r\n/);
  assert.deepEqual(
    events(feed).map((e) => e.status),
    ['CONFIRMED', 'CANCELLED'],
  );
});
