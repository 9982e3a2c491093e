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

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
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

/** The actor of an active user by email (benchmarks, tests and system work acting as someone). */
export async function findActorByEmail(db: Db, email: string): Promise<Actor | null> {
  return (await selectActors(db).where('u.email', '=', email.toLowerCase()).executeTakeFirst()) ?? null;
}

/** The actor of an active user by id (system work acting for the person a record names). */
export async function findActorById(db: Db, id: string): Promise<Actor | null> {
  return (await selectActors(db).where('u.id', '=', id).executeTakeFirst()) ?? null;
}

async function findActor(
  db: Db,
  column: 'session' | 'api',
  tokenHash: string,
  now: Date,
): Promise<Actor | null> {
  // Users, sessions, tokens, sites and teams are outside row security: no context switch for them.
  return runReachFree(async () => {
    if (column === 'api') return findTokenActor(db, tokenHash, now);
    const actor = await selectActors(db)
      .innerJoin('sessions as x', 'x.user_id', 'u.id')
      .where('x.token_hash', '=', tokenHash)
      .where('x.expires_at', '>', now)
      .executeTakeFirst();
    return actor ?? null;
  });
}

// Last use is shown to the token's owner to the minute; writing it on every request would turn
// each authenticated read into a write.
const lastUsedPrecisionMs = 60_000;

async function findTokenActor(db: Db, tokenHash: string, now: Date): Promise<Actor | null> {
  const row = await selectActors(db)
    .innerJoin('api_tokens as x', 'x.user_id', 'u.id')
    .select(['x.id as tokenId', 'x.last_used_at as tokenLastUsedAt'])
    .where('x.token_hash', '=', tokenHash)
    .where('x.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const { tokenId, tokenLastUsedAt, ...actor } = row;
  if (!tokenLastUsedAt || now.getTime() - tokenLastUsedAt.getTime() >= lastUsedPrecisionMs) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', tokenId).execute();
  }
  return actor;
}

/** Resolves the actor from the session cookie or a bearer API token on every request. */
export function registerAuthentication(app: FastifyInstance, db: Db, now: () => Date) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.actor = await findActor(db, 'api', hashToken(header.slice(7).trim()), now());
      return;
    }
    const cookie = request.cookies[sessionCookie];
    if (cookie) request.actor = await findActor(db, 'session', hashToken(cookie), now());
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
