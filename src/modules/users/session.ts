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
  const token = createSecretToken();
  const expiresAt = new Date(deps.clock.now().getTime() + sessionDays * 86_400_000);
  await repo.insertSession(deps.db, { tokenHash: hashToken(token), userId: user.id, expiresAt });
  return { token, expiresAt, userId: user.id };
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

export async function describeMe(deps: Deps, userId: string) {
  const profile = await repo.findProfile(deps.db, userId);
  if (!profile) throw notFound('user');
  return profile;
}
