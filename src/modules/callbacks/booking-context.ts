import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { findBookedAppointmentId, type NewAppointmentRow } from '../booking/appointments.ts';
import { findCustomerContact } from '../customers/service.ts';
import { lockEscalationInReach } from '../escalations/service.ts';
import { findCallBackTypeAndComment, type TypeAndComment } from '../exceptions/open-exception.ts';
import { findJobById } from '../jobs/service.ts';
import { hasApprovedCallbackPermission } from '../permissions/service.ts';
import type { CallbackContext } from '../promises/callback-context.ts';
import { type CallbackGuidelines, loadGuidelines } from '../guidelines/service.ts';
import { listActiveRoutingRules, type RoutingRule } from '../routing/service.ts';
import { type DeskStaffing, findDeskWithStaffing } from '../schedules/service.ts';
import type { TaskView } from '../tasks/view.ts';

// What booking needs to know before it writes, asked of each feature that owns it (each reads its
// own tables), then the checks made on it. Nine statements where one joined query used to read
// seven features' tables: see README.md for what that costs.

/** What booking knows before it writes anything. */
export type BookingContext = {
  desk: NonNullable<Awaited<ReturnType<typeof findDeskWithStaffing>>>['desk'];
  staffing: DeskStaffing;
  escalation: { id: string; siteId: string; jobId: string; customerId: string; reasonIds: string[] };
  job: { id: string; number: string; customerId: string; customerName: string };
  customer: { email: string | null; timeZone: string | null };
  isCallbackApproved: boolean;
  bookedAppointmentId: string | null;
  typeAndComment: TypeAndComment;
  guidelines: CallbackGuidelines;
  routingRules: RoutingRule[];
};

/**
 * Reads the booking's context inside its transaction: the desk booked (by its page's slug) with its
 * staffing between two site-local dates (schedules); the escalation in the actor's reach, locked so
 * two bookings of one escalation queue up, with its reasons (escalations); its job (jobs) and
 * customer (customers); whether a supervisor approved a callback (permissions); the callback already
 * booked for it (booking); the Call Back type and the comment for its reasons (exceptions); the
 * callback guidelines (promises) and the active routing rules (routing). A missing site or
 * escalation answers 404.
 */
export async function findBookingContext(
  tx: Db,
  actor: Actor,
  slug: string,
  escalationId: string,
  staffingDates: { fromDate: string; toDate: string },
): Promise<BookingContext> {
  const desk = await findDeskWithStaffing(tx, slug, staffingDates.fromDate, staffingDates.toDate);
  if (!desk) throw notFound('site', slug);
  const escalation = await lockEscalationInReach(tx, actor, escalationId);
  if (!escalation) throw notFound('escalation', escalationId);
  const job = await findJobById({ db: tx }, escalation.jobId);
  const customer = await findCustomerContact(tx, escalation.customerId);
  if (!job || !customer) throw new Error(`escalation ${escalationId} lost its job or customer`);
  return {
    ...desk,
    escalation,
    job: { id: job.id, number: job.number, customerId: customer.id, customerName: customer.name },
    customer: { email: customer.email, timeZone: customer.timeZone },
    isCallbackApproved: await hasApprovedCallbackPermission(tx, escalation.id),
    bookedAppointmentId: await findBookedAppointmentId(tx, escalation.id),
    typeAndComment: await findCallBackTypeAndComment(tx, escalation.reasonIds),
    guidelines: await loadGuidelines(tx),
    routingRules: await listActiveRoutingRules(tx),
  };
}

/** Refuses an escalation that cannot be booked at this desk now. */
export function checkBookable(booking: BookingContext): asserts booking is BookingContext & {
  typeAndComment: { comment: NonNullable<TypeAndComment['comment']> };
} {
  if (booking.escalation.siteId !== booking.desk.id) {
    throw new AppError(
      'unprocessable',
      `this escalation belongs to another site; book it on that site's page`,
    );
  }
  if (!booking.isCallbackApproved) {
    throw new AppError(
      'permission_required',
      'a supervisor must approve a callback for this escalation first',
    );
  }
  if (booking.bookedAppointmentId) throw alreadyBooked(booking.bookedAppointmentId);
  if (!booking.typeAndComment.comment) {
    throw new AppError('unprocessable', 'no approved Call Back exception comment is configured');
  }
}

export function alreadyBooked(appointmentId: string | null) {
  return new AppError('conflict', 'this escalation already has a booked callback; reschedule it instead', {
    appointmentId,
  });
}

/** What the callback clock knows of the new task, its appointment and customer. */
export function callbackContextOf(
  booking: BookingContext,
  task: TaskView,
  appointment: NewAppointmentRow,
): CallbackContext {
  return {
    id: task.id,
    type: task.type,
    status: task.status,
    title: task.title,
    teamId: task.team.id,
    assigneeId: task.assigneeId,
    createdById: task.createdById,
    jobId: booking.job.id,
    appointmentId: appointment.id,
    start: appointment.starts_at,
    end: appointment.ends_at,
    appointmentStatus: appointment.status,
    siteId: appointment.site_id,
    appointmentTimeZone: appointment.customer_time_zone,
    customerName: booking.job.customerName,
    customerEmail: booking.customer.email,
    customerTimeZone: booking.customer.timeZone,
  };
}
