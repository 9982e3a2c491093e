import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor, roles } from '../../http/auth.ts';
import { IdParams, problemResponses } from '../../http/schemas.ts';
import { CustomerView } from './schemas.ts';
import { viewCustomer } from './service.ts';

export async function customerRoutes(app: App, deps: Deps) {
  app.get(
    '/api/customers/:id/view',
    {
      schema: {
        tags: ['customers'],
        summary: "Customer View: the customer's jobs, escalations, exceptions, tasks and appointments",
        params: IdParams,
        response: { 200: CustomerView, ...problemResponses },
      },
    },
    async (request) => viewCustomer(deps, requireActor(request, roles.everyone), request.params.id),
  );
}
