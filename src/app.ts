import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import type { Deps } from './deps.ts';
import type { App } from './http/app-type.ts';
import { registerAuthentication } from './http/auth.ts';
import { registerOriginCheck } from './http/origin.ts';
import { chooseRequestId, registerRequestIdHeader } from './http/request-id.ts';
import { handleError, handleNotFound } from './http/problem.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { registerWebApp } from './http/web-app.ts';
import { registerModules } from './modules/routes.ts';

export type BuildOptions = {
  /** Log every request (info); without it only errors are logged. */
  logger?: boolean;
  /** Where log lines go (JSON, one a line); standard output when not given. Tests capture them. */
  logStream?: { write(line: string): void };
};

/** The Fastify instance with every route, not listening: tests drive it with `app.inject()`. */
export async function buildApp(deps: Deps, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    // Errors are always logged (each line carries the request id); requests only when asked.
    logger: {
      level: options.logger ? 'info' : 'error',
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    trustProxy: deps.config.trustProxy,
    genReqId: chooseRequestId,
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    // Signed links (customer manage tokens) are longer than the default 100-character limit.
    routerOptions: { maxParamLength: 1000 },
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false },
    },
  }).withTypeProvider() as unknown as App;

  registerRequestIdHeader(app);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  // Bodies are JSON (the manage page parses its form in its own scope): a text/plain body answers
  // 415 instead of reaching a JSON route as a string, the way a cross-site form sends it.
  app.removeContentTypeParser('text/plain');
  registerOriginCheck(app, deps.config.publicUrl);
  await registerSecurityHeaders(app, deps.config.publicUrl);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Escalation Desk API', version: '1.0.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ed_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });
  registerAuthentication(app, deps.db, () => deps.clock.now());

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await registerModules(app, deps);
  // Last: the web application's wildcard must never shadow an API route.
  await registerWebApp(app);
  return app;
}
