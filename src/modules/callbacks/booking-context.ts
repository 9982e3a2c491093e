import { AppError } from '../../lib/errors.ts';
import { callBackType, type TypeAndComment } from '../exceptions/open-exception.ts';
import type { CallbackContext } from '../promises/repo.ts';
import type { TaskView } from '../tasks/view.ts';
import type { BookingContext, NewAppointmentRow } from '../booking/repo.ts';

// What booking read in its first statement (`findBookingContext`), turned into what each feature
// it calls expects, and the checks made on it before anything is written.

/** Refuses an escalation that cannot be booked at this desk now. */
export function checkBookable(
  booking: BookingContext,
): asserts booking is BookingContext & { comment_id: string } {
  if (booking.site_id !== booking.desk_id) {
    throw new AppError(
      'unprocessable',
      `this escalation belongs to another site; book it on that site's page`,
    );
  }
  if (!booking.callback_approved) {
    throw new AppError(
      'permission_required',
      'a supervisor must approve a callback for this escalation first',
    );
  }
  if (booking.booked_appointment_id) throw alreadyBooked(booking.booked_appointment_id);
  if (!booking.comment_id) {
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
    jobId: booking.job_id,
    appointmentId: appointment.id,
    start: appointment.starts_at,
    end: appointment.ends_at,
    appointmentStatus: appointment.status,
    siteId: appointment.site_id,
    appointmentTimeZone: appointment.customer_time_zone,
    customerName: booking.customer_name,
    customerEmail: booking.customer_email,
    customerTimeZone: booking.customer_time_zone,
  };
}

/** The Call Back type and comment, as the booking context carries them. */
export function callBackTypeAndComment(booking: BookingContext): TypeAndComment {
  if (!booking.type_id) return { type: undefined, comment: undefined };
  const type = {
    id: booking.type_id,
    code: callBackType,
    label: booking.type_label ?? '',
    isActive: booking.type_is_active ?? false,
  };
  const comment = booking.comment_id
    ? {
        id: booking.comment_id,
        body: booking.comment_body ?? '',
        isActive: true,
        typeId: type.id,
        typeCode: callBackType,
        reasonId: booking.comment_reason_id,
        reasonCode: booking.comment_reason_code,
      }
    : undefined;
  return { type, comment };
}

/** The desk (site) being booked, as the booking context carries it. */
export function deskOf(booking: BookingContext) {
  return {
    id: booking.desk_id,
    slug: booking.desk_slug,
    name: booking.desk_name,
    time_zone: booking.desk_time_zone,
    window_minutes: booking.window_minutes,
    callbacks_per_member: booking.callbacks_per_member,
    min_notice_minutes: booking.min_notice_minutes,
    booking_horizon_days: booking.booking_horizon_days,
  };
}
