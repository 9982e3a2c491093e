import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor, roles } from '../../http/auth.ts';
import { IdempotencyHeaders, replyOnce } from '../../http/idempotency.ts';
import { IdParams, problemResponses } from '../../http/schemas.ts';
import { OpenEscalationList, OpenEscalationsQuery } from '../escalations/schemas.ts';
import { listMyOpenEscalationsWithState } from './my-open-escalations.ts';
import {
  CallbackPermission,
  CallbackPermissionList,
  DecideCallbackPermissionBody,
  ListCallbackPermissionsQuery,
  RequestCallbackPermissionBody,
} from './schemas.ts';
import {
  decideCallbackPermission,
  listCallbackPermissions,
  requestCallbackPermission,
  showCallbackPermission,
} from './service.ts';

export async function permissionRoutes(app: App, deps: Deps) {
  app.post(
    '/api/escalations/:id/callback-permission',
    {
      schema: {
        tags: ['callback permissions'],
        params: IdParams,
        headers: IdempotencyHeaders,
        body: RequestCallbackPermissionBody,
        response: { 201: CallbackPermission, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, roles.frontline);
      return replyOnce(deps, request, reply, actor, 201, (deps) =>
        requestCallbackPermission(deps, actor, request.params.id, request.body ?? {}),
      );
    },
  );

  for (const [action, decision] of [
    ['approve', 'approved'],
    ['deny', 'denied'],
  ] as const) {
    app.post(
      `/api/callback-permissions/:id/${action}`,
      {
        schema: {
          tags: ['callback permissions'],
          params: IdParams,
          headers: IdempotencyHeaders,
          body: DecideCallbackPermissionBody,
          response: { 200: CallbackPermission, ...problemResponses },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, roles.desk);
        return replyOnce(deps, request, reply, actor, 200, (deps) =>
          decideCallbackPermission(deps, actor, request.params.id, decision, request.body?.note),
        );
      },
    );
  }

  app.get(
    '/api/callback-permissions/:id',
    {
      schema: {
        tags: ['callback permissions'],
        params: IdParams,
        response: { 200: CallbackPermission, ...problemResponses },
      },
    },
    async (request) => showCallbackPermission(deps, requireActor(request), request.params.id),
  );

  app.get(
    '/api/callback-permissions',
    {
      schema: {
        tags: ['callback permissions'],
        querystring: ListCallbackPermissionsQuery,
        response: { 200: CallbackPermissionList, ...problemResponses },
      },
    },
    async (request) => listCallbackPermissions(deps, requireActor(request), request.query),
  );

  // The agent's open escalations with their transfer and permission state, composed in this module
  // (see my-open-escalations.ts); the path and OpenAPI tag stay the escalations'.
  app.get(
    '/api/me/escalations',
    {
      schema: {
        tags: ['escalations'],
        description: 'escalations you raised that still need you (open, in the queue, asking for a callback)',
        querystring: OpenEscalationsQuery,
        response: { 200: OpenEscalationList, ...problemResponses },
      },
    },
    async (request) =>
      listMyOpenEscalationsWithState(deps, requireActor(request, roles.everyone), request.query.jobNumber),
  );
}
