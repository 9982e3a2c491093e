import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor, roles } from '../../http/auth.ts';
import { problemResponses } from '../../http/schemas.ts';
import { CodedItem, ExceptionComment, ExceptionCommentsQuery, ItemsOf, Reason } from './schemas.ts';
import {
  listExceptionComments,
  listExceptionTypes,
  listReasons,
  listResolutionReasons,
  listTier2ResolutionTypes,
} from './service.ts';

export async function catalogRoutes(app: App, deps: Deps) {
  const schema = (item: Parameters<typeof ItemsOf>[0]) => ({
    tags: ['catalog'],
    response: { 200: ItemsOf(item), ...problemResponses },
  });

  app.get('/api/reasons', { schema: schema(Reason) }, async (request) => {
    requireActor(request, roles.everyone);
    return { items: await listReasons(deps) };
  });

  app.get('/api/exception-types', { schema: schema(CodedItem) }, async (request) => {
    requireActor(request, roles.everyone);
    return { items: await listExceptionTypes(deps) };
  });

  app.get('/api/resolution-reasons', { schema: schema(CodedItem) }, async (request) => {
    requireActor(request, roles.everyone);
    return { items: await listResolutionReasons(deps) };
  });

  app.get('/api/tier2-resolution-types', { schema: schema(CodedItem) }, async (request) => {
    requireActor(request, roles.everyone);
    return { items: await listTier2ResolutionTypes(deps) };
  });

  app.get(
    '/api/exception-comments',
    { schema: { ...schema(ExceptionComment), querystring: ExceptionCommentsQuery } },
    async (request) => {
      requireActor(request, roles.everyone);
      return { items: await listExceptionComments(deps, request.query) };
    },
  );
}
