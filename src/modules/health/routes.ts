import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { listPendingMigrations } from '../../db/migrate.ts';
import { runHandlerAsSystem } from '../../http/auth.ts';
import { ProblemResponse } from '../../http/schemas.ts';

export async function healthRoutes(app: App, deps: Deps) {
  app.get(
    '/api/health',
    {
      preHandler: runHandlerAsSystem,
      schema: { response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
    },
    async () => {
      // Migrations run before the server listens, so answering at all means they are done.
      await deps.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
      return { status: 'ok' as const };
    },
  );

  // For load balancers and orchestrators: 503 takes this process out of rotation without killing
  // it (that is what /api/health is for), e.g. while the database is unreachable.
  app.get(
    '/api/ready',
    {
      // Reading the migration table is the service's own business, whoever's cookie came along.
      preHandler: runHandlerAsSystem,
      schema: {
        description: 'Ready for traffic: the database answers and every migration has run.',
        response: { 200: Type.Object({ status: Type.Literal('ready') }), 503: ProblemResponse },
      },
    },
    async (request, reply) => {
      let detail: string;
      try {
        const pending = await listPendingMigrations(deps.db);
        if (!pending.length) return { status: 'ready' as const };
        detail = `migrations not applied yet: ${pending.join(', ')}`;
      } catch (error) {
        // The reason stays in the log: it names hosts and ports the public need not see.
        request.log.warn({ err: error }, 'not ready: the database does not answer');
        detail = 'the database does not answer';
      }
      return reply.status(503).type('application/problem+json').send({
        type: 'about:blank#not_ready',
        title: 'Service Unavailable',
        status: 503,
        detail,
        code: 'not_ready',
      });
    },
  );
}
