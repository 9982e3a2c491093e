import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor, roles } from '../../http/auth.ts';
import { problemResponses } from '../../http/schemas.ts';
import { Desk, Heartbeat, PresenceResult, SetPresenceBody, SiteSlugParams } from './schemas.ts';
import { describeDesk, recordHeartbeat, setMyPresence } from './service.ts';

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

  // Not a submission: the same heartbeat twice is harmless, so it takes no Idempotency-Key.
  app.put(
    '/api/me/heartbeat',
    {
      schema: {
        tags: ['desk'],
        description:
          "the signed-in person's tab is open; without one for PRESENCE_TIMEOUT_SECONDS a desk member goes offline and an agent's waiting transfer is abandoned",
        response: { 200: Heartbeat, ...problemResponses },
      },
    },
    async (request) => recordHeartbeat(deps, requireActor(request)),
  );

  app.get(
    '/api/desk/:siteSlug/members',
    { schema: { tags: ['desk'], params: SiteSlugParams, response: { 200: Desk, ...problemResponses } } },
    async (request) => describeDesk(deps, requireActor(request), request.params.siteSlug),
  );
}
