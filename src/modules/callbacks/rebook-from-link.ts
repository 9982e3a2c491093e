import type { Once } from '../../db/idempotency.ts';
import type { Deps } from '../../deps.ts';
import { findActorById } from '../../http/auth.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { readManageToken } from '../booking/manage-token.ts';
import * as appointments from '../booking/appointments.ts';
import { bookCallback } from './book.ts';

/**
 * The customer books a new time from the link of a callback they cancelled. It is a new booking
 * of the same escalation (`bookCallback`): a new appointment, Call Back exception, routed task and
 * callback clock, so the promises run from the new window and the cancelled task stays closed.
 * It is made in the reach of the person who booked the first one (the escalation's walls as they
 * were), noted as the customer's doing. `submission` is the key the page's form carries: a double
 * submit of one form books once and answers both alike.
 */
export async function rebookFromLink(deps: Deps, token: string, start: string, submission?: string) {
  const id = readManageToken(deps.config, token, deps.clock.now());
  const cancelled = await appointments.findAppointment(deps.db, id);
  if (!cancelled) throw notFound('callback');
  if (cancelled.status !== 'cancelled') {
    throw new AppError('invalid_transition', `this callback is ${cancelled.status}; move it instead`);
  }
  const bookerId = await appointments.findAppointmentBooker(deps.db, id);
  const booker = bookerId ? await findActorById(deps.db, bookerId) : null;
  if (!booker) {
    throw new AppError('unprocessable', 'this callback cannot be booked again from its link', {
      reason: 'no_booker',
    });
  }
  const actor = { ...booker, name: 'the customer' };
  const once: Once | undefined = submission
    ? {
        userId: booker.id,
        scope: `rebook-from-link ${id}`,
        key: submission,
        requestHash: start,
        now: deps.clock.now(),
      }
    : undefined;
  const input = {
    escalationId: cancelled.escalation_id,
    start,
    customerTimeZone: cancelled.customer_time_zone,
  };
  const answer = await bookCallback(deps, actor, cancelled.site_slug, input, once);
  const body = answer.body as { confirmation: { manageUrl: string }; appointment: { id: string } };
  return { appointmentId: body.appointment.id, managePath: new URL(body.confirmation.manageUrl).pathname };
}
