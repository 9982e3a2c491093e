import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';

export async function healthRoutes(app: App, deps: Deps) {
  app.get(
    '/api/health',
    { schema: { response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => {
      // Migrations run before the server listens, so answering at all means they are done.
      await deps.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
      return { status: 'ok' as const };
    },
  );
}
