import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { clearSessionCookie, requireActor, sessionCookie, setSessionCookie } from '../../http/auth.ts';
import { Ok, problemResponses } from '../../http/schemas.ts';
import { ApiToken, CreateApiTokenBody, Me, SignInBody } from './schemas.ts';
import { createApiToken, describeMe, signIn, signOut } from './session.ts';

export async function userRoutes(app: App, deps: Deps) {
  const isSecure = deps.config.publicUrl.startsWith('https:');

  app.post(
    '/api/session',
    { schema: { tags: ['session'], body: SignInBody, response: { 200: Me, ...problemResponses } } },
    async (request, reply) => {
      const session = await signIn(deps, request.body);
      setSessionCookie(reply, session.token, session.expiresAt, isSecure);
      return describeMe(deps, session.userId);
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
    async (request) => describeMe(deps, requireActor(request).id),
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
}
