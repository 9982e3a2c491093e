import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decideAfterAttempt,
  type PriorAttempt,
  planAppointment,
  planPromiseAlerts,
} from './callback-clock.ts';
import { type CallbackGuidelines, defaultGuidelines } from '../guidelines/callback-guidelines.ts';
import type { AttemptOutcome } from './tables.ts';

const ny = 'America/New_York';
const d = (iso: string) => new Date(iso);
const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

test('booking plans the review reminder, the task due time and the first-contact promise', () => {
  const cases: Array<[string, string, string, string | null, string, string, boolean]> = [
    // name, window start, now, reminderAt, taskDueAt, firstContact due, paused?
    [
      'booked hours ahead: reminder 15 min before',
      '2026-11-26T16:00:00Z',
      '2026-11-26T12:00:00Z',
      '2026-11-26T15:45:00.000Z',
      '2026-11-26T16:00:00.000Z',
      '2026-11-26T16:05:00.000Z',
      false,
    ],
    [
      'booked 10 min ahead: remind at once',
      '2026-11-26T16:00:00Z',
      '2026-11-26T15:50:00Z',
      '2026-11-26T15:50:00.000Z',
      '2026-11-26T16:00:00.000Z',
      '2026-11-26T16:05:00.000Z',
      false,
    ],
    [
      'window already begun: no reminder',
      '2026-11-26T16:00:00Z',
      '2026-11-26T16:01:00Z',
      null,
      '2026-11-26T16:00:00.000Z',
      '2026-11-26T16:05:00.000Z',
      false,
    ],
    [
      'window at 07:30 customer time: clock waits for 08:00',
      '2026-11-26T12:30:00Z',
      '2026-11-25T20:00:00Z',
      '2026-11-26T12:45:00.000Z',
      '2026-11-26T13:00:00.000Z',
      '2026-11-26T13:05:00.000Z',
      true,
    ],
  ];
  for (const [name, start, now, reminder, taskDue, due, paused] of cases) {
    const plan = planAppointment({ start: d(start), timeZone: ny }, defaultGuidelines, d(now));
    assert.equal(iso(plan.reminderAt), reminder, name);
    assert.equal(iso(plan.taskDueAt), taskDue, name);
    assert.equal(iso(plan.firstContact.dueAt), due, name);
    assert.equal(plan.firstContact.pause !== null, paused, name);
  }
});

test('a promise is alerted as at risk before it falls due, never before it was made', () => {
  const due = d('2026-11-26T16:05:00Z');
  const early = planPromiseAlerts({ dueAt: due, madeAt: d('2026-11-26T15:00:00Z') }, defaultGuidelines);
  assert.equal(iso(early.atRiskAt), '2026-11-26T16:03:00.000Z');
  assert.equal(iso(early.brokenAt), '2026-11-26T16:05:00.000Z');
  const late = planPromiseAlerts({ dueAt: due, madeAt: d('2026-11-26T16:04:00Z') }, defaultGuidelines);
  assert.equal(iso(late.atRiskAt), '2026-11-26T16:04:00.000Z');
});

const start = '2026-11-26T16:00:00Z';
const failed = (at: string, countsTowardLimit = true): PriorAttempt => ({
  at: d(at),
  outcome: 'no_answer',
  countsTowardLimit,
  isEarly: false,
});

test('each attempt outcome leads to the next step the guidelines prescribe', () => {
  type Case = {
    name: string;
    at: string;
    outcome: AttemptOutcome;
    prior?: PriorAttempt[];
    retries?: number;
    guidelines?: Partial<CallbackGuidelines>;
    expect: {
      next: string;
      dueAt?: string;
      taskDueAt?: string;
      sequence?: number;
      counts: boolean;
      early?: boolean;
      keeps: boolean;
      paused?: boolean;
    };
  };
  const cases: Case[] = [
    {
      name: 'connected on time completes',
      at: '2026-11-26T16:03:00Z',
      outcome: 'connected',
      expect: { next: 'complete', counts: false, keeps: true },
    },
    {
      name: 'first no answer promises a retry within 15 min',
      at: '2026-11-26T16:03:00Z',
      outcome: 'no_answer',
      expect: {
        next: 'retry',
        dueAt: '2026-11-26T16:18:00.000Z',
        taskDueAt: '2026-11-26T16:18:00.000Z',
        sequence: 1,
        counts: true,
        keeps: true,
      },
    },
    {
      name: 'voicemail on the last allowed attempt sends the email',
      at: '2026-11-26T16:15:00Z',
      outcome: 'voicemail',
      prior: [failed('2026-11-26T16:03:00Z')],
      retries: 1,
      expect: { next: 'reschedule_email', dueAt: '2026-11-26T16:15:00.000Z', counts: true, keeps: true },
    },
    {
      name: 'a failure sooner than the minimum gap does not count; another retry',
      at: '2026-11-26T16:06:00Z',
      outcome: 'no_answer',
      prior: [failed('2026-11-26T16:03:00Z')],
      retries: 1,
      expect: { next: 'retry', dueAt: '2026-11-26T16:21:00.000Z', sequence: 2, counts: false, keeps: true },
    },
    {
      name: 'three allowed attempts: the second failure still retries',
      at: '2026-11-26T16:15:00Z',
      outcome: 'no_answer',
      prior: [failed('2026-11-26T16:03:00Z')],
      retries: 1,
      guidelines: { attemptsAllowed: 3 },
      expect: { next: 'retry', sequence: 2, dueAt: '2026-11-26T16:30:00.000Z', counts: true, keeps: true },
    },
    {
      name: 'a dropped call makes an immediate retry due and does not count',
      at: '2026-11-26T16:10:00Z',
      outcome: 'dropped',
      prior: [failed('2026-11-26T16:03:00Z')],
      retries: 1,
      expect: {
        next: 'retry',
        taskDueAt: '2026-11-26T16:10:00.000Z',
        dueAt: '2026-11-26T16:15:00.000Z',
        sequence: 2,
        counts: false,
        keeps: true,
      },
    },
    {
      name: 'dropped counted as failed when the guidelines say so',
      at: '2026-11-26T16:10:00Z',
      outcome: 'dropped',
      prior: [failed('2026-11-26T16:03:00Z')],
      retries: 1,
      guidelines: { droppedCallHandling: 'count_as_failed' },
      expect: { next: 'reschedule_email', counts: true, keeps: true },
    },
    {
      name: 'a wrong number sends the reschedule email at once',
      at: '2026-11-26T16:02:00Z',
      outcome: 'wrong_number',
      expect: { next: 'reschedule_email', dueAt: '2026-11-26T16:02:00.000Z', counts: true, keeps: true },
    },
    {
      name: 'an early failed attempt changes nothing and keeps nothing',
      at: '2026-11-26T15:50:00Z',
      outcome: 'no_answer',
      expect: { next: 'none', counts: false, early: true, keeps: false },
    },
    {
      name: 'an early connected call completes but keeps no promise of the window',
      at: '2026-11-26T15:50:00Z',
      outcome: 'connected',
      expect: { next: 'complete', counts: false, early: true, keeps: false },
    },
    {
      name: 'an early dropped call (days before the window) keeps nothing and changes nothing',
      at: '2026-11-24T16:00:00Z',
      outcome: 'dropped',
      expect: { next: 'none', counts: false, early: true, keeps: false },
    },
    {
      name: 'an early dropped call counted as failed still keeps nothing',
      at: '2026-11-26T15:50:00Z',
      outcome: 'dropped',
      guidelines: { droppedCallHandling: 'count_as_failed' },
      expect: { next: 'none', counts: false, early: true, keeps: false },
    },
    {
      name: 'a failure at 20:55 customer time pauses the retry clock overnight',
      at: '2026-11-27T01:55:00Z',
      outcome: 'no_answer',
      expect: { next: 'retry', dueAt: '2026-11-27T13:10:00.000Z', counts: true, keeps: true, paused: true },
    },
    {
      name: 'the email never goes out in quiet hours',
      at: '2026-11-27T02:05:00Z',
      outcome: 'wrong_number',
      expect: {
        next: 'reschedule_email',
        dueAt: '2026-11-27T13:00:00.000Z',
        counts: true,
        keeps: true,
        paused: true,
      },
    },
  ];
  for (const c of cases) {
    const decision = decideAfterAttempt({
      at: d(c.at),
      outcome: c.outcome,
      appointment: { start: d(start), timeZone: ny },
      prior: c.prior ?? [],
      retriesSoFar: c.retries ?? 0,
      guidelines: { ...defaultGuidelines, ...c.guidelines },
    });
    assert.equal(decision.next.kind, c.expect.next, c.name);
    assert.equal(decision.countsTowardLimit, c.expect.counts, c.name);
    assert.equal(decision.isEarly, c.expect.early ?? false, c.name);
    assert.equal(decision.keepsOpenPromise, c.expect.keeps, c.name);
    const next = decision.next;
    if (next.kind === 'retry' || next.kind === 'reschedule_email') {
      if (c.expect.dueAt) assert.equal(iso(next.promise.dueAt), c.expect.dueAt, c.name);
      if (c.expect.sequence) assert.equal(next.promise.sequence, c.expect.sequence, c.name);
      assert.equal(next.promise.pause !== null, c.expect.paused ?? false, c.name);
    }
    if (next.kind === 'retry' && c.expect.taskDueAt)
      assert.equal(iso(next.taskDueAt), c.expect.taskDueAt, c.name);
  }
});
