import type { Deps } from '../../deps.ts';
import { AppError } from '../../lib/errors.ts';
import { hashPassword } from '../../lib/password.ts';
import { findPasswordWeakness } from '../../lib/password-strength.ts';
import { insertCheckedUser } from './users.ts';

const emailPattern = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

/**
 * `npm run create-admin -- email`: the first administrator of a production installation, which
 * starts with no users (demo data is refused there). Refuses a weak password and a taken email.
 */
export async function createAdmin(
  deps: Pick<Deps, 'db'>,
  input: { email: string; password: string; name?: string },
): Promise<{ id: string; email: string }> {
  const email = input.email.trim().toLowerCase();
  if (!emailPattern.test(email))
    throw new AppError('validation_failed', `"${input.email}" is not an email address`);
  const weakness = findPasswordWeakness(input.password, email);
  if (weakness) throw new AppError('validation_failed', weakness);
  const passwordHash = await hashPassword(input.password);
  const id = await deps.db.transaction().execute((tx) =>
    insertCheckedUser(tx, {
      email,
      name: input.name?.trim() || email.split('@')[0]!,
      role: 'admin',
      passwordHash,
      siteId: null,
      teamId: null,
      supervisorId: null,
    }),
  );
  return { id, email };
}
