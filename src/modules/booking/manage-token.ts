import type { Config } from '../../config.ts';
import { AppError } from '../../lib/errors.ts';
import { signPayload, verifyPayload } from '../../lib/tokens.ts';

const purpose = 'manage';
/**
 * A manage link lives until a week after its window ends: long enough for the customer to rebook
 * from the "we missed you" email sent after the window, short enough not to live forever.
 */
export const manageGraceMs = 7 * 86_400_000;

type AppointmentRef = { id: string; ends_at?: Date | string; endsAt?: Date | string };

/** A signed, single-purpose token that lets the customer reschedule or cancel one appointment. */
export function createManageToken(config: Pick<Config, 'secret'>, appointment: AppointmentRef): string {
  const end = new Date(appointment.ends_at ?? appointment.endsAt ?? 0).getTime();
  return signPayload(config.secret, { p: purpose, a: appointment.id, exp: end + manageGraceMs });
}

/** The customer's reschedule / cancel page for an appointment (used in every customer email). */
export function rescheduleLinkFor(
  config: Pick<Config, 'secret' | 'publicUrl'>,
  appointment: AppointmentRef,
): string {
  return `${config.publicUrl}/manage/${createManageToken(config, appointment)}`;
}

export type ManageTokenProblem = 'invalid' | 'expired';

/** The appointment id in a manage token; throws `forbidden` with the reason when it is not good. */
export function readManageToken(config: Pick<Config, 'secret'>, token: string, now: Date): string {
  const payload = verifyPayload(config.secret, token);
  if (!payload || payload.p !== purpose || typeof payload.a !== 'string' || typeof payload.exp !== 'number') {
    throw new AppError('forbidden', 'this link is not valid: it may have been mistyped or altered', {
      reason: 'invalid' satisfies ManageTokenProblem,
    });
  }
  if (payload.exp < now.getTime()) {
    throw new AppError('forbidden', 'this link has expired', {
      reason: 'expired' satisfies ManageTokenProblem,
    });
  }
  return payload.a;
}
