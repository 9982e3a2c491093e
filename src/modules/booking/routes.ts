import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor, roles } from '../../http/auth.ts';
import { problemResponses } from '../../http/schemas.ts';
import { Availability, AvailabilityQuery, SiteParams } from './schemas.ts';
import { listSiteAvailability } from './service.ts';

const tags = ['booking'];

/** The desk's open windows; booking and changing a callback are the callbacks module's routes. */
export async function bookingRoutes(app: App, deps: Deps) {
  app.get(
    '/api/sites/:slug/availability',
    {
      schema: {
        tags,
        params: SiteParams,
        querystring: AvailabilityQuery,
        response: { 200: Availability, ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request, roles.everyone);
      return listSiteAvailability(deps, request.params.slug, request.query);
    },
  );
}
