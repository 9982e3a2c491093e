import { formatInZone } from './availability.ts';
import type { AppointmentRow } from './repo.ts';

/** The appointment as the API shows it: times in the customer's zone. */
export function appointmentView(row: AppointmentRow) {
  return {
    id: row.id,
    start: formatInZone(new Date(row.starts_at).getTime(), row.customer_time_zone),
    end: formatInZone(new Date(row.ends_at).getTime(), row.customer_time_zone),
    siteSlug: row.site_slug,
    status: row.status,
    customerTimeZone: row.customer_time_zone,
    sequence: row.sequence,
    escalationId: row.escalation_id,
    exceptionId: row.exception_id,
    taskId: row.task_id,
    jobNumber: row.job_number,
    customerName: row.customer_name,
  };
}

/** The mail shape of an appointment row (for booking, reschedule and cancel emails). */
export function mailAppointmentOf(row: AppointmentRow) {
  return {
    id: row.id,
    start: new Date(row.starts_at),
    end: new Date(row.ends_at),
    status: row.status,
    sequence: row.sequence,
    updatedAt: new Date(row.updated_at),
    customerTimeZone: row.customer_time_zone,
    customerName: row.customer_name,
    customerEmail: row.customer_email ?? '',
    deskName: row.site_name,
    jobNumber: row.job_number,
  };
}

/** What a receiver learns of an appointment: its window, desk, zone and links, not the customer. */
export function appointmentWebhookData(row: AppointmentRow, status: 'booked' | 'cancelled') {
  return {
    appointmentId: row.id,
    status,
    start: new Date(row.starts_at).toISOString(),
    end: new Date(row.ends_at).toISOString(),
    siteSlug: row.site_slug,
    customerTimeZone: row.customer_time_zone,
    jobNumber: row.job_number,
    taskId: row.task_id,
    exceptionId: row.exception_id,
  };
}
