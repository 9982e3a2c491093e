import type { Db } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, findProfileById } from '../../http/auth.ts';
import { AppError, invalid, notFound } from '../../lib/errors.ts';
import { hashPassword, verifyPassword, weakPasswordReason } from '../../lib/password.ts';
import { createSecretToken, hashToken } from '../../lib/tokens.ts';
import * as repo from './repo.ts';

const sessionDays = 7;

/** A new session for the user: the cookie value (shown once) and when it ends. */
async function insertNewSession(db: Db, now: Date, userId: string) {
  const token = createSecretToken();
  const expiresAt = new Date(now.getTime() + sessionDays * 86_400_000);
  await repo.insertSession(db, { tokenHash: hashToken(token), userId, expiresAt });
  return { token, expiresAt, userId };
}

/**
 * Checks the password and opens a session; the same message for unknown email and wrong password.
 * Callers throttle failures (see `sign-in.ts`); this only answers whether the pair is right.
 */
export async function checkPasswordAndOpenSession(deps: Deps, input: { email: string; password: string }) {
  const user = await repo.findUserByEmail(deps.db, input.email);
  // An unknown email costs the same password hash as a known one, so timing does not tell them apart.
  const isValid = await verifyPassword(input.password, user?.password_hash ?? null);
  if (!user?.is_active || !isValid) return null;
  return insertNewSession(deps.db, deps.clock.now(), user.id);
}

/** A new session for a user already proven (password, or the company sign-in in `sso`). */
export async function openSession(deps: Deps, userId: string) {
  return insertNewSession(deps.db, deps.clock.now(), userId);
}

export async function signOut(deps: Deps, token: string) {
  await repo.deleteSession(deps.db, hashToken(token));
}

/** Issues an API token for integrations; the secret is shown once. */
export async function createApiToken(deps: Deps, actor: Actor, input: { name: string }) {
  const token = createSecretToken();
  const row = await repo.insertApiToken(deps.db, {
    userId: actor.id,
    name: input.name,
    tokenHash: hashToken(token),
  });
  return { id: row.id, name: row.name, token, createdAt: row.created_at.toISOString() };
}

/** The actor's live API tokens: names and dates, never the secret. */
export async function listApiTokens(deps: Deps, actor: Actor) {
  const rows = await repo.listApiTokens(deps.db, actor.id);
  return {
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: row.created_at.toISOString(),
      ...(row.last_used_at ? { lastUsedAt: row.last_used_at.toISOString() } : {}),
    })),
  };
}

/** Revokes one of the actor's tokens; someone else's (or an unknown) id is not found. */
export async function revokeApiToken(deps: Deps, actor: Actor, id: string) {
  if (!(await repo.revokeApiToken(deps.db, actor.id, id, deps.clock.now()))) throw notFound('API token', id);
}

/**
 * Ends every session and revokes every API token of a user: after a password change (theirs or an
 * admin's reset) or a deactivation, whoever held the old password's access loses it.
 */
export async function endAccessOf(deps: Pick<Deps, 'clock'>, db: Db, userId: string) {
  await repo.endAccessOf(db, userId, deps.clock.now());
}

/**
 * Changes the actor's own password after checking the current one, and ends every session and
 * token they had. With `reopenSession` (the change came through a session cookie) a fresh session
 * is opened for the browser that made the change, so only the others are signed out.
 */
export async function changePassword(
  deps: Deps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  reopenSession: boolean,
) {
  const stored = await repo.findPasswordHash(deps.db, actor.id);
  if (!stored || !(await verifyPassword(input.currentPassword, stored.password_hash))) {
    throw new AppError('forbidden', 'the current password is not right', { reason: 'wrong_password' });
  }
  const weakness = weakPasswordReason(input.newPassword, stored.email);
  if (weakness) throw invalid(weakness, { field: 'newPassword' });
  if (input.newPassword === input.currentPassword) {
    throw invalid('the new password must differ from the current one', { field: 'newPassword' });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return deps.db.transaction().execute(async (tx) => {
    await repo.setPasswordHash(tx, actor.id, passwordHash);
    await endAccessOf(deps, tx, actor.id);
    return reopenSession ? insertNewSession(tx, deps.clock.now(), actor.id) : null;
  });
}

/**
 * `api-token EMAIL`: a token for an active user, issued by an operator (an `integration` user may
 * not use the app's own token route). Returns the secret, shown once.
 */
export async function issueApiToken(db: Deps['db'], email: string, name: string): Promise<string> {
  const user = await repo.findUserByEmail(db, email);
  if (!user?.is_active) throw notFound('active user', email);
  const token = createSecretToken();
  await repo.insertApiToken(db, { userId: user.id, name, tokenHash: hashToken(token) });
  return token;
}

/** The profile a sign-in answers with (later requests carry it from the auth step). */
export async function describeMe(deps: Deps, userId: string) {
  const profile = await findProfileById(deps.db, userId);
  if (!profile) throw notFound('user');
  return profile;
}
