import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import type { Deps } from './deps.ts';
import type { App } from './http/app-type.ts';
import { registerAuthentication } from './http/auth.ts';
import { refuseControlCharacters } from './http/control-characters.ts';
import { answerClientError, documentFrameworkErrors } from './http/framework-errors.ts';
import { type LogOptions, loggingOptions, registerRequestIdHeader } from './http/logging.ts';
import { type MetricsOptions, registerMetrics } from './http/metrics.ts';
import { handleError, handleNotFound } from './http/problem.ts';
import { freeTextKeyword } from './http/schemas.ts';
import { registerWebApp } from './http/web-app.ts';
import { registerModules } from './modules/routes.ts';

/** `log` turns request logs on (main always does; tests stay quiet); `metrics` protects `/metrics`. */
export type BuildOptions = { log?: LogOptions; metrics?: MetricsOptions };

/** The Fastify instance with every route, not listening: tests drive it with `app.inject()`. */
export async function buildApp(deps: Deps, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    ...loggingOptions(options.log),
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

  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  // Before any route is added, so every route has them (hooks and onRoute apply to later routes).
  app.addHook('onRoute', documentFrameworkErrors);
  app.addHook('preValidation', refuseControlCharacters);
  registerRequestIdHeader(app);
  registerMetrics(app, deps, options.metrics ?? { isProduction: deps.config.isProduction });
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
