import type { Deps } from '../../deps.ts';
import { insertCheckedUser } from '../admin/users.ts';
import { openSession } from '../users/session.ts';
import * as repo from './repo.ts';
import { matchRule } from './rules.ts';

/** What the identity provider told us about the person, after the code exchange was verified. */
export type CompanyIdentity = {
  issuer: string;
  subject: string;
  email: string | null;
  isEmailVerified: boolean;
  name: string | null;
  /** The values of the role claim (`OIDC_ROLE_CLAIM`, e.g. the person's groups). */
  claimValues: string[];
};

/** Why a company sign-in was refused; each has its own message for the person. */
export type Refusal = 'no_rule' | 'deactivated' | 'no_email' | 'email_taken';

export type SignInOutcome =
  | { ok: true; session: Awaited<ReturnType<typeof openSession>>; isNew: boolean }
  | { ok: false; refusal: Refusal };

/**
 * Signs a person in with their company identity. Known subject: the same user, as the admins
 * left them (roles are not re-synced from the claim; see the module README). An active local user
 * with the same, verified email is linked once. Otherwise the first matching SSO rule creates the
 * user (no local password) with its role, site and team; no rule, no entry.
 */
export async function signInWithCompanyIdentity(
  deps: Deps,
  identity: CompanyIdentity,
): Promise<SignInOutcome> {
  const outcome = await deps.db.transaction().execute(async (tx) => {
    const known = await repo.findIdentityUser(tx, identity.issuer, identity.subject);
    if (known) return known.isActive ? { userId: known.id, isNew: false } : ('deactivated' as const);
    if (!identity.email) return 'no_email' as const;
    const local = await repo.findUserByEmail(tx, identity.email);
    if (local) {
      if (!local.isActive) return 'deactivated' as const;
      // Someone else's identity must not take over a local account by claiming its address.
      if (!identity.isEmailVerified) return 'email_taken' as const;
      await repo.insertIdentity(tx, { ...identity, userId: local.id, now: deps.clock.now() });
      return { userId: local.id, isNew: false };
    }
    const rule = matchRule(await repo.listRules(tx), identity.claimValues);
    if (!rule) return 'no_rule' as const;
    const userId = await insertCheckedUser(tx, {
      email: identity.email,
      name: identity.name || identity.email,
      role: rule.role,
      passwordHash: null,
      siteId: rule.siteId,
      teamId: rule.teamId,
      supervisorId: null,
    });
    await repo.insertIdentity(tx, { ...identity, userId, now: deps.clock.now() });
    return { userId, isNew: true };
  });
  if (typeof outcome === 'string') return { ok: false, refusal: outcome };
  return { ok: true, session: await openSession(deps, outcome.userId), isNew: outcome.isNew };
}
