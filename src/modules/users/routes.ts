import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import {
  clearSessionCookie,
  requireActor,
  requireProfile,
  sessionCookie,
  setSessionCookie,
} from '../../http/auth.ts';
import { IdParams, Ok, ProblemResponse, problemResponses } from '../../http/schemas.ts';
import { AppError } from '../../lib/errors.ts';
import { ApiToken, ApiTokenList, ChangePasswordBody, CreateApiTokenBody, Me, SignInBody } from './schemas.ts';
import {
  changePassword,
  createApiToken,
  describeMe,
  listApiTokens,
  revokeApiToken,
  signOut,
} from './session.ts';
import { signIn } from './sign-in.ts';

const NoContent = Type.Null({ description: 'done; no body' });

export async function userRoutes(app: App, deps: Deps) {
  const isSecure = deps.config.publicUrl.startsWith('https:');

  app.post(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        description: 'Signs in. Repeated failures for one email or address answer 429 with Retry-After.',
        body: SignInBody,
        response: { 200: Me, ...problemResponses, 429: ProblemResponse },
      },
    },
    async (request, reply) => {
      try {
        const session = await signIn(deps, request.body, request.ip);
        setSessionCookie(reply, session.token, session.expiresAt, isSecure);
        return await describeMe(deps, session.userId);
      } catch (error) {
        if (error instanceof AppError && error.code === 'rate_limited') {
          reply.header('retry-after', String(error.details?.retryAfter ?? 60));
        }
        throw error;
      }
    },
  );

  app.delete(
    '/api/session',
    { schema: { tags: ['session'], response: { 200: Ok } } },
    async (request, reply) => {
      const token = request.cookies[sessionCookie];
      if (token) await signOut(deps, token);
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/me',
    { schema: { tags: ['session'], response: { 200: Me, ...problemResponses } } },
    // The auth step read the profile with the actor: answered without another query.
    async (request) => requireProfile(request),
  );

  app.put(
    '/api/me/password',
    {
      schema: {
        tags: ['session'],
        description:
          'Changes your password and ends every session and API token you had; a browser that ' +
          'changed it by its session gets a fresh session.',
        body: ChangePasswordBody,
        response: { 204: NoContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const byCookie = !request.headers.authorization && Boolean(request.cookies[sessionCookie]);
      const session = await changePassword(deps, actor, request.body, byCookie);
      if (session) setSessionCookie(reply, session.token, session.expiresAt, isSecure);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/me/api-tokens',
    { schema: { tags: ['session'], response: { 200: ApiTokenList, ...problemResponses } } },
    async (request) => listApiTokens(deps, requireActor(request)),
  );

  app.post(
    '/api/me/api-tokens',
    {
      schema: {
        tags: ['session'],
        body: CreateApiTokenBody,
        response: { 201: ApiToken, ...problemResponses },
      },
    },
    async (request, reply) => {
      const token = await createApiToken(deps, requireActor(request), request.body);
      return reply.status(201).send(token);
    },
  );

  app.delete(
    '/api/me/api-tokens/:id',
    {
      schema: {
        tags: ['session'],
        description: 'Revokes one of your API tokens.',
        params: IdParams,
        response: { 204: NoContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      await revokeApiToken(deps, requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
