import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import type { Deps } from './deps.ts';
import type { App } from './http/app-type.ts';
import { registerAuthentication } from './http/auth.ts';
import { refuseControlCharacters } from './http/control-characters.ts';
import { answerClientError, documentFrameworkErrors } from './http/framework-errors.ts';
import { type LogOptions, loggingOptions } from './http/logging.ts';
import { type MetricsOptions, registerMetrics } from './http/metrics.ts';
import { registerOriginCheck } from './http/origin.ts';
import { handleError, handleNotFound } from './http/problem.ts';
import { registerRequestIdHeader } from './http/request-id.ts';
import { freeTextKeyword } from './http/schemas.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { registerWebApp } from './http/web-app.ts';
import { registerModules } from './modules/routes.ts';

/**
 * `log`: where log lines go and from which level (main logs every request; tests keep errors only,
 * in a stream they read); `metrics` protects `/metrics`.
 */
export type BuildOptions = { log?: LogOptions; metrics?: MetricsOptions };

/** The Fastify instance with every route, not listening: tests drive it with `app.inject()`. */
export async function buildApp(deps: Deps, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    ...loggingOptions(options.log),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Signed links (customer manage tokens) are longer than the default 100-character limit.
    routerOptions: { maxParamLength: 1000 },
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: 'array',
        useDefaults: true,
        allErrors: false,
        keywords: [freeTextKeyword],
      },
    },
    // A bad URL or an over-long path parameter is answered by the router itself unless handled here.
    frameworkErrors: handleError,
    clientErrorHandler: answerClientError,
  }).withTypeProvider() as unknown as App;

  registerRequestIdHeader(app);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  // Before any route is added, so every route has them (hooks and onRoute apply to later routes).
  app.addHook('onRoute', documentFrameworkErrors);
  app.addHook('preValidation', refuseControlCharacters);
  registerMetrics(app, deps, options.metrics ?? { isProduction: deps.config.isProduction });
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
