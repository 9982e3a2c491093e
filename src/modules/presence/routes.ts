import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor, roles } from '../../http/auth.ts';
import { problemResponses } from '../../http/schemas.ts';
import { Desk, PresenceResult, SetPresenceBody, SiteSlugParams } from './schemas.ts';
import { describeDesk, setMyPresence } from './service.ts';

export async function presenceRoutes(app: App, deps: Deps) {
  app.put(
    '/api/me/presence',
    {
      schema: {
        tags: ['desk'],
        body: SetPresenceBody,
        response: { 200: PresenceResult, ...problemResponses },
      },
    },
    async (request) => setMyPresence(deps, requireActor(request, roles.desk), request.body.presence),
  );

  app.get(
    '/api/desk/:siteSlug/members',
    { schema: { tags: ['desk'], params: SiteSlugParams, response: { 200: Desk, ...problemResponses } } },
    async (request) => describeDesk(deps, requireActor(request), request.params.siteSlug),
  );
}
