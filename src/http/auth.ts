import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import { runAsActor, runAsSystem, runReachFree } from '../db/row-security.ts';
import type { Role, TeamKind } from '../db/schema.ts';
import { AppError } from '../lib/errors.ts';
import { peopleRoles } from '../lib/roles.ts';
import { hashToken } from '../lib/tokens.ts';

/** The signed-in person, as services see them. */
export type Actor = {
  id: string;
  name: string;
  email: string;
  role: Role;
  siteId: string | null;
  siteSlug: string | null;
  teamId: string | null;
  teamKind: TeamKind | null;
  supervisorId: string | null;
};

export const sessionCookie = 'ed_session';

/**
 * What `GET /api/me` shows of the signed-in person. Read by the same select that finds the actor
 * on each request, so the profile costs no second round trip.
 */
export type Profile = {
  id: string;
  name: string;
  email: string;
  role: Role;
  siteSlug: string | null;
  siteName: string | null;
  siteTimeZone: string | null;
  teamId: string | null;
  teamName: string | null;
  teamKind: TeamKind | null;
  presence: string;
  supervisorId: string | null;
};

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** The signed-in person's profile as the auth step read it; null when nobody is signed in. */
    profile: Profile | null;
  }
}

/** Active users as actors: the one place that says what an actor is made of. */
function selectActors(db: Db) {
  return db
    .selectFrom('users as u')
    .leftJoin('sites as s', 's.id', 'u.site_id')
    .leftJoin('teams as t', 't.id', 'u.team_id')
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.role',
      'u.site_id as siteId',
      's.slug as siteSlug',
      'u.team_id as teamId',
      't.kind as teamKind',
      'u.supervisor_id as supervisorId',
    ])
    .where('u.is_active', '=', true);
}

/** Active users as actors with their profile: what a request's sign-in look-up reads. */
function selectSignedIn(db: Db) {
  return selectActors(db).select([
    's.name as siteName',
    's.time_zone as siteTimeZone',
    't.name as teamName',
    'u.presence',
  ]);
}

type SignedInRow = Actor & Pick<Profile, 'siteName' | 'siteTimeZone' | 'teamName' | 'presence'>;

/** The actor and the profile out of one signed-in row, each with its own fields only. */
function splitSignedIn(row: SignedInRow): { actor: Actor; profile: Profile } {
  const { siteName, siteTimeZone, teamName, presence, ...actor } = row;
  const profile: Profile = {
    id: actor.id,
    name: actor.name,
    email: actor.email,
    role: actor.role,
    siteSlug: actor.siteSlug,
    siteName,
    siteTimeZone,
    teamId: actor.teamId,
    teamName,
    teamKind: actor.teamKind,
    presence,
    supervisorId: actor.supervisorId,
  };
  return { actor, profile };
}

/** The actor of an active user by email (benchmarks, tests and system work acting as someone). */
export async function findActorByEmail(db: Db, email: string): Promise<Actor | null> {
  return (await selectActors(db).where('u.email', '=', email.toLowerCase()).executeTakeFirst()) ?? null;
}

/** The actor of an active user by id (system work acting for the person a record names). */
export async function findActorById(db: Db, id: string): Promise<Actor | null> {
  return (await selectActors(db).where('u.id', '=', id).executeTakeFirst()) ?? null;
}

/** The profile of an active user by id (the answer to a sign-in, before any request carries it). */
export async function findProfileById(db: Db, id: string): Promise<Profile | null> {
  const row = await selectSignedIn(db).where('u.id', '=', id).executeTakeFirst();
  return row ? splitSignedIn(row).profile : null;
}

type SignedIn = { actor: Actor; profile: Profile };

// Stand-ins for the parameters of the compiled look-ups below, replaced on each request.
const tokenHashStandIn = '\u0000token_hash';
const nowStandIn = new Date(0);

/**
 * The two look-ups every authenticated request makes, built and compiled once per app: building a
 * query with Kysely cost about a fifth of the server's CPU time for `GET /api/me`
 * (bench/profile-me.ts). Their SQL never changes; a request only puts its token hash and clock in
 * place of the stand-ins they were built with.
 */
function compileSignInLookups(db: Db) {
  const session = selectSignedIn(db)
    .innerJoin('sessions as x', 'x.user_id', 'u.id')
    .where('x.token_hash', '=', tokenHashStandIn)
    .where('x.expires_at', '>', nowStandIn)
    .compile();
  const api = selectSignedIn(db)
    .innerJoin('api_tokens as x', 'x.user_id', 'u.id')
    .select(['x.id as tokenId', 'x.last_used_at as tokenLastUsedAt'])
    .where('x.token_hash', '=', tokenHashStandIn)
    .where('x.revoked_at', 'is', null)
    .compile();
  // Refuse to start rather than send a stand-in to the database should the query shape change.
  for (const [query, standIns] of [
    [session, [tokenHashStandIn, nowStandIn]],
    [api, [tokenHashStandIn]],
  ] as const) {
    for (const standIn of standIns) {
      if (query.parameters.filter((value) => value === standIn).length !== 1) {
        throw new Error(`the sign-in look-up does not take ${String(standIn)} exactly once`);
      }
    }
  }
  return { session, api };
}

type SignInLookups = ReturnType<typeof compileSignInLookups>;

/** The compiled query with the request's values in place of the stand-ins. */
function withValues<Q extends { parameters: readonly unknown[] }>(query: Q, tokenHash: string, now: Date): Q {
  const parameters = query.parameters.map((value) =>
    value === tokenHashStandIn ? tokenHash : value === nowStandIn ? now : value,
  );
  return { ...query, parameters };
}

async function findSignedIn(
  db: Db,
  lookups: SignInLookups,
  column: 'session' | 'api',
  tokenHash: string,
  now: Date,
): Promise<SignedIn | null> {
  // Users, sessions, tokens, sites and teams are outside row security: no context switch for them.
  return runReachFree(async () => {
    if (column === 'api') return findTokenSignedIn(db, lookups, tokenHash, now);
    const { rows } = await db.executeQuery(withValues(lookups.session, tokenHash, now));
    return rows[0] ? splitSignedIn(rows[0]) : null;
  });
}

// Last use is shown to the token's owner to the minute; writing it on every request would turn
// each authenticated read into a write.
const lastUsedPrecisionMs = 60_000;

async function findTokenSignedIn(
  db: Db,
  lookups: SignInLookups,
  tokenHash: string,
  now: Date,
): Promise<SignedIn | null> {
  const row = (await db.executeQuery(withValues(lookups.api, tokenHash, now))).rows[0];
  if (!row) return null;
  const { tokenId, tokenLastUsedAt, ...signedIn } = row;
  if (!tokenLastUsedAt || now.getTime() - tokenLastUsedAt.getTime() >= lastUsedPrecisionMs) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', tokenId).execute();
  }
  return splitSignedIn(signedIn);
}

/** Resolves the actor from the session cookie or a bearer API token on every request. */
export function registerAuthentication(app: FastifyInstance, db: Db, now: () => Date) {
  const lookups = compileSignInLookups(db);
  app.decorateRequest('actor', null);
  app.decorateRequest('profile', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    const cookie = request.cookies[sessionCookie];
    let signedIn: SignedIn | null = null;
    if (header?.startsWith('Bearer ')) {
      signedIn = await findSignedIn(db, lookups, 'api', hashToken(header.slice(7).trim()), now());
    } else if (cookie) {
      signedIn = await findSignedIn(db, lookups, 'session', hashToken(cookie), now());
    }
    if (!signedIn) return;
    request.actor = signedIn.actor;
    request.profile = signedIn.profile;
  });
  // The second wall (src/db/row-security.ts): the handler's queries run with the signed-in person's
  // reach. Entered here, after the body is read, because the body's stream events lose any context
  // entered earlier; a route authorised by something else (a signed customer link) uses asSystem.
  app.addHook('preHandler', (request, _reply, done) => {
    if (request.actor) runAsActor(request.actor, done);
    else runAsSystem(done);
  });
}

/**
 * A preHandler for routes authorised by a secret rather than by the person signed in (a customer's
 * signed link, a desk feed's token): their queries run as the owner, whoever's cookie came along.
 */
export function runHandlerAsSystem(_request: FastifyRequest, _reply: FastifyReply, done: () => void) {
  runAsSystem(done);
}

/**
 * The signed-in actor, or 401; with roles given, 403 for anyone else. The `integration` role is
 * refused unless a route names it, so a job system's token cannot read or change people's work.
 */
export function requireActor(request: FastifyRequest, roles?: readonly Role[]): Actor {
  const actor = request.actor;
  if (!actor) throw new AppError('unauthenticated', 'sign in first (session cookie or Bearer API token)');
  if (actor.role === 'integration' && !roles?.includes('integration')) {
    throw new AppError('forbidden', 'an integration token may use the /api/integrations routes only');
  }
  if (roles && !roles.includes(actor.role)) {
    throw new AppError('forbidden', `this needs one of the roles: ${roles.join(', ')}`);
  }
  return actor;
}

/** The signed-in person's profile as the auth step read it (`GET /api/me`), or 401. */
export function requireProfile(request: FastifyRequest): Profile {
  requireActor(request);
  if (!request.profile)
    throw new AppError('unauthenticated', 'sign in first (session cookie or Bearer API token)');
  return request.profile;
}

export function setSessionCookie(reply: FastifyReply, token: string, expires: Date, secure: boolean) {
  reply.setCookie(sessionCookie, token, { httpOnly: true, sameSite: 'lax', path: '/', expires, secure });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(sessionCookie, { path: '/' });
}

/** Role groups used by routes. */
export const roles = {
  desk: ['supervisor', 'lead', 'sme'] as const satisfies readonly Role[],
  frontline: ['agent', 'supervisor', 'lead', 'sme', 'tier2', 'admin'] as const satisfies readonly Role[],
  /** Every person; not `integration`, which reaches the integration routes only. */
  everyone: peopleRoles,
  integrations: ['integration', 'admin'] as const satisfies readonly Role[],
};
