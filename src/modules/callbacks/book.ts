import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { answerOnce, type Once, type OnceAnswer } from '../../db/idempotency.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { publishEvent } from '../events/publish.ts';
import { enqueueWebhookEvent } from '../webhooks/outbox.ts';
import { setEscalationStatus } from '../escalations/service.ts';
import { callBackType, openException } from '../exceptions/open-exception.ts';
import { addJobNote } from '../jobs/notes.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { planAppointment } from '../promises/callback-clock.ts';
import { startCallbackClock } from '../promises/schedule.ts';
import { appointmentView, appointmentWebhookData, mailAppointmentOf } from '../booking/appointment-view.ts';
import { assertTimeZone } from '../booking/availability.ts';
import {
  composeAppointmentMail,
  confirmationScript,
  describeWindowIn,
  whatHappensNext,
} from '../booking/confirmation.ts';
import { rescheduleLinkFor } from '../booking/manage-token.ts';
import { alreadyBooked, callbackContextOf, checkBookable, findBookingContext } from './booking-context.ts';
import * as appointments from '../booking/appointments.ts';
import { staffingDates } from '../booking/desk-rules.ts';
import { parseInstant, takePlace } from '../booking/take-place.ts';

export type BookCallbackInput = { escalationId: string; start: string; customerTimeZone: string };

/**
 * Books a callback window for an escalation with an approved callback permission. One transaction
 * writes the appointment, the Call Back exception and its routed task (due at the window's start,
 * with a review reminder before it), the callback clock, the job notes, the escalation's status,
 * the confirmation email and the live events. Each write happens when it is called, in order:
 * the place in the window first (a full window answers 409 `window_full` there), then the
 * appointment, then the exception and the task that points at it. With `once` (an Idempotency-Key) it books once per key and replays the first answer.
 */
export async function bookCallback(
  deps: Deps,
  actor: Actor,
  slug: string,
  input: BookCallbackInput,
  once?: Once,
): Promise<OnceAnswer> {
  const book = async (tx: Db) => ({
    status: 201,
    body: await bookInTransaction(deps, tx, actor, slug, input),
  });
  try {
    if (once) return await answerOnce(deps.db, once, book);
    return { ...(await deps.db.transaction().execute(book)), isReplay: false };
  } catch (error) {
    // Two bookings of one escalation raced: the database kept the first.
    if (appointments.isSecondBooking(error))
      throw alreadyBooked(await appointments.findBookedAppointmentId(deps.db, input.escalationId));
    throw error;
  }
}

async function bookInTransaction(deps: Deps, tx: Db, actor: Actor, slug: string, input: BookCallbackInput) {
  const customerTimeZone = assertTimeZone(input.customerTimeZone, 'customerTimeZone');
  const startMs = parseInstant(input.start);
  const booking = await findBookingContext(
    tx,
    actor,
    slug,
    input.escalationId,
    staffingDates(startMs, startMs),
  );
  checkBookable(booking);
  const now = deps.clock.now();
  const site = booking.desk;
  const { guidelines } = booking;
  const window = await takePlace(
    tx,
    site,
    input.start,
    now,
    customerTimeZone,
    booking.staffing,
    guidelines.quietHours,
  );
  const start = new Date(window.startMs);
  const end = new Date(window.endMs);

  const appointmentId = randomUUID();
  // The callback clock is planned first, so that the task is created due when the clock says.
  const plan = planAppointment({ start, timeZone: customerTimeZone }, guidelines, now);
  const { date, window: windowText } = describeWindowIn(start, end, customerTimeZone);
  // The appointment goes in before its task, which points at it; it is linked back to the
  // exception and the task once they exist.
  const inserted = await appointments.insertAppointment(tx, {
    id: appointmentId,
    siteId: site.id,
    escalationId: booking.escalation.id,
    customerId: booking.job.customerId,
    jobId: booking.job.id,
    exceptionId: null,
    taskId: null,
    startsAt: start,
    endsAt: end,
    customerTimeZone,
    customerEmail: booking.customer.email,
    bookedBy: actor.id,
    now,
  });
  const { exception, task } = await openException(deps, tx, actor, {
    jobId: booking.job.id,
    job: booking.job,
    typeCode: callBackType,
    commentId: booking.typeAndComment.comment.id,
    escalationId: booking.escalation.id,
    escalationFacts: { jobId: booking.job.id, reasonIds: booking.escalation.reasonIds },
    typeAndComment: booking.typeAndComment,
    routingRules: booking.routingRules,
    appointmentId,
    taskDueAt: plan.taskDueAt,
    taskTitle: `Call back ${booking.job.customerName} (${booking.job.number})`,
    taskDetails: { appointmentId, windowStart: start.toISOString(), windowEnd: end.toISOString() },
  });
  await appointments.linkAppointment(tx, appointmentId, exception.id, task.id);
  const appointment = { ...inserted, exception_id: exception.id, task_id: task.id };
  await startCallbackClock(deps, tx, callbackContextOf(booking, task, appointment), plan, guidelines);
  await addJobNote(tx, {
    jobId: booking.job.id,
    authorId: actor.id,
    kind: 'callback.booked',
    body:
      `Call Back booked by ${actor.name} with the ${site.name} for ${date} between ${windowText} ` +
      `(customer's time).`,
    details: { appointmentId, start: start.toISOString(), end: end.toISOString(), customerTimeZone },
  });
  await setEscalationStatus(tx, booking.escalation.id, 'callback_booked');

  const row: appointments.AppointmentRow = {
    ...appointment,
    site_slug: site.slug,
    site_name: site.name,
    customer_name: booking.job.customerName,
    job_number: booking.job.number,
    task_due_at: task.dueAt,
  };
  const manageUrl = rescheduleLinkFor(deps.config, row);
  if (row.customer_email) {
    await enqueueMail(
      tx,
      composeAppointmentMail(deps.config, mailAppointmentOf(row), 'booked', manageUrl),
      now,
    );
  }
  await publishEvent(tx, {
    type: 'appointment.booked',
    siteId: site.id,
    roles: ['supervisor', 'lead', 'sme'],
    data: { appointmentId, start: start.toISOString(), taskId: task.id },
  });
  await enqueueWebhookEvent(tx, {
    type: 'appointment.booked',
    record: { kind: 'appointment', id: appointmentId },
    at: now,
    data: appointmentWebhookData(row, 'booked'),
  });
  const view = appointmentView(row);
  return {
    appointment: view,
    exception,
    task,
    confirmation: {
      desk: site.name,
      date,
      window: windowText,
      start: view.start,
      end: view.end,
      customerTimeZone,
      emailTo: row.customer_email,
      whatHappensNext,
      script: confirmationScript(date, windowText),
      manageUrl,
    },
  };
}
