import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor } from '../../http/auth.ts';
import { problemResponses } from '../../http/schemas.ts';
import { changeGuidelines, describeGuidelines } from './service.ts';
import { CallbackGuidelinesSchema, UpdateCallbackGuidelinesBody } from './schemas.ts';

export async function guidelineRoutes(app: App, deps: Deps) {
  app.get(
    '/api/admin/callback-guidelines',
    {
      schema: {
        tags: ['admin'],
        summary: 'Callback guidelines: attempts, gaps, promise clocks, quiet hours, waiting expiry',
        response: { 200: CallbackGuidelinesSchema, ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request, ['admin']);
      return describeGuidelines(deps);
    },
  );

  app.patch(
    '/api/admin/callback-guidelines',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change callback guidelines (applies to promises made from now on)',
        body: UpdateCallbackGuidelinesBody,
        response: { 200: CallbackGuidelinesSchema, ...problemResponses },
      },
    },
    async (request) => changeGuidelines(deps, requireActor(request, ['admin']), request.body),
  );
}
