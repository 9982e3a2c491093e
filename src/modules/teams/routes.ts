import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor, roles } from '../../http/auth.ts';
import { problemResponses } from '../../http/schemas.ts';
import { listVisibleTeams } from './service.ts';

const TeamWithMembers = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  assignmentStrategy: Type.String(),
  members: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      role: Type.String(),
      presence: Type.String(),
      openTasks: Type.Integer(),
    }),
  ),
});

export async function teamRoutes(app: App, deps: Deps) {
  app.get(
    '/api/teams',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Teams whose work you may see, with their active members and open task counts',
        response: { 200: Type.Object({ items: Type.Array(TeamWithMembers) }), ...problemResponses },
      },
    },
    async (request) => ({ items: await listVisibleTeams(deps, requireActor(request, roles.everyone)) }),
  );
}
