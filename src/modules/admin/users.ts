import type { Role } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { hashPassword } from '../../lib/password.ts';
import { endAccessOf } from '../users/session.ts';
import * as repo from './org-repo.ts';
import { badReference, requireReference } from './references.ts';

type Db = Deps['db'];

/** A user to write, references already resolved to ids (the API and the CSV import share this). */
export type NewUser = {
  email: string;
  name: string;
  role: Role;
  passwordHash: string | null;
  siteId: string | null;
  teamId: string | null;
  supervisorId: string | null;
};

async function refuseTakenEmail(db: Db, email: string, userId?: string) {
  const other = await repo.findUserIdByEmail(db, email);
  if (other && other.id !== userId) {
    throw new AppError('conflict', `a user with the email ${email} already exists`, { field: 'email' });
  }
}

async function checkSupervisor(db: Db, supervisorId: string | null | undefined, userId?: string) {
  if (!supervisorId) return;
  if (supervisorId === userId) throw badReference('supervisorId', 'a user cannot supervise themselves');
  const supervisor = await repo.findUserFacts(db, supervisorId);
  if (!supervisor) throw badReference('supervisorId', `${supervisorId} does not exist`);
  if (!supervisor.isActive) throw badReference('supervisorId', `${supervisorId} is deactivated`);
}

async function resolveSiteSlug(db: Db, slug: string | null | undefined) {
  if (slug === undefined || slug === null) return slug;
  const site = await repo.findSiteBySlug(db, slug);
  if (!site) throw badReference('siteSlug', `no site has the slug ${slug}`);
  return site.id;
}

/** Writes a new user in the caller's transaction after checking the email and every reference. */
export async function insertCheckedUser(db: Db, user: NewUser): Promise<string> {
  const email = user.email.toLowerCase();
  await refuseTakenEmail(db, email);
  if (user.siteId) await requireReference(db, 'sites', user.siteId, 'siteId');
  if (user.teamId) await requireReference(db, 'teams', user.teamId, 'teamId');
  await checkSupervisor(db, user.supervisorId);
  return repo.insertUser(db, {
    email,
    name: user.name,
    role: user.role,
    password_hash: user.passwordHash,
    site_id: user.siteId,
    team_id: user.teamId,
    supervisor_id: user.supervisorId,
  });
}

export async function listAdminUsers(
  deps: Pick<Deps, 'db'>,
  filter: { q?: string; role?: Role; includeInactive?: boolean },
) {
  return repo.listUsers(deps.db, filter);
}

export async function createUser(
  deps: Pick<Deps, 'db'>,
  input: {
    email: string;
    name: string;
    password: string;
    role: Role;
    siteSlug?: string | null;
    teamId?: string | null;
    supervisorId?: string | null;
  },
) {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(deps.db, async (tx) => {
    const id = await insertCheckedUser(tx, {
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash,
      siteId: (await resolveSiteSlug(tx, input.siteSlug)) ?? null,
      teamId: input.teamId ?? null,
      supervisorId: input.supervisorId ?? null,
    });
    return (await repo.findUser(tx, id))!;
  });
}

/**
 * Changes a user. `isActive: false` deactivates (never deletes) and signs them out everywhere; an
 * admin cannot deactivate themselves, so the organisation is never left without a way in.
 */
export async function updateUser(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  id: string,
  input: {
    email?: string;
    name?: string;
    password?: string;
    role?: Role;
    siteSlug?: string | null;
    teamId?: string | null;
    supervisorId?: string | null;
    isActive?: boolean;
  },
) {
  if (id === actor.id && (input.isActive === false || (input.role && input.role !== 'admin'))) {
    throw new AppError('conflict', 'you cannot deactivate yourself or remove your own admin role');
  }
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  return deps.db.transaction().execute(async (tx) => {
    if (!(await repo.findUserFacts(tx, id))) throw notFound('user', id);
    const email = input.email?.toLowerCase();
    if (email) await refuseTakenEmail(tx, email, id);
    if (input.teamId) await requireReference(tx, 'teams', input.teamId, 'teamId');
    await checkSupervisor(tx, input.supervisorId, id);
    await repo.updateUser(tx, id, {
      email,
      name: input.name,
      role: input.role,
      password_hash: passwordHash,
      site_id: await resolveSiteSlug(tx, input.siteSlug),
      team_id: input.teamId,
      supervisor_id: input.supervisorId,
      is_active: input.isActive,
    });
    // A reset password or a deactivation ends every session and API token the user had.
    if (input.isActive === false || passwordHash) await endAccessOf(deps, tx, id);
    return (await repo.findUser(tx, id))!;
  });
}
