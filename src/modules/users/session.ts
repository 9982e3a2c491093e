import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { verifyPassword } from '../../lib/password.ts';
import { createSecretToken, hashToken } from '../../lib/tokens.ts';
import * as repo from './repo.ts';

const sessionDays = 7;

/** Checks the password and opens a session; the same message for unknown email and wrong password. */
export async function signIn(deps: Deps, input: { email: string; password: string }) {
  const user = await repo.findUserByEmail(deps.db, input.email);
  const isValid = user?.is_active && (await verifyPassword(input.password, user.password_hash));
  if (!user || !isValid) throw new AppError('unauthenticated', 'email or password is not right');
  return openSession(deps, user.id);
}

/** A new session for a user already proven (password, or the company sign-in in `sso`). */
export async function openSession(deps: Deps, userId: string) {
  const token = createSecretToken();
  const expiresAt = new Date(deps.clock.now().getTime() + sessionDays * 86_400_000);
  await repo.insertSession(deps.db, { tokenHash: hashToken(token), userId, expiresAt });
  return { token, expiresAt, userId };
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

export async function describeMe(deps: Deps, userId: string) {
  const profile = await repo.findProfile(deps.db, userId);
  if (!profile) throw notFound('user');
  return profile;
}
