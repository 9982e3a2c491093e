import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor } from '../../http/auth.ts';
import { IdempotencyHeaders, replyOnce } from '../../http/idempotency.ts';
import { IdParams, problemResponses } from '../../http/schemas.ts';
import {
  type CodedList,
  createCoded,
  createComment,
  createReason,
  listAdminCoded,
  listAdminComments,
  listAdminReasons,
  updateCoded,
  updateComment,
  updateReason,
} from './lists.ts';
import {
  AdminCoded,
  AdminExceptionComment,
  AdminReason,
  CreateCodedBody,
  CreateCommentBody,
  CreateReasonBody,
  ItemsOf,
  UpdateCodedBody,
  UpdateCommentBody,
  UpdateReasonBody,
} from './schemas.ts';

const adminOnly = ['admin'] as const;
const tags = ['admin'];

/** The pick lists: reasons, exception types, exception comments, resolution reasons. */
export async function listRoutes(app: App, deps: Deps) {
  app.get(
    '/api/admin/reasons',
    { schema: { tags, response: { 200: ItemsOf(AdminReason), ...problemResponses } } },
    async (request) => {
      requireActor(request, adminOnly);
      return { items: await listAdminReasons(deps) };
    },
  );
  app.post(
    '/api/admin/reasons',
    {
      schema: {
        tags,
        headers: IdempotencyHeaders,
        body: CreateReasonBody,
        response: { 201: AdminReason, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, adminOnly);
      return replyOnce(deps, request, reply, actor, 201, (deps) => createReason(deps, request.body));
    },
  );
  app.patch(
    '/api/admin/reasons/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: UpdateReasonBody,
        response: { 200: AdminReason, ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request, adminOnly);
      return updateReason(deps, request.params.id, request.body);
    },
  );

  const coded: [string, CodedList][] = [
    ['exception-types', 'exception_types'],
    ['resolution-reasons', 'resolution_reasons'],
    ['tier2-resolution-types', 'tier2_resolution_types'],
  ];
  for (const [path, table] of coded) {
    app.get(
      `/api/admin/${path}`,
      { schema: { tags, response: { 200: ItemsOf(AdminCoded), ...problemResponses } } },
      async (request) => {
        requireActor(request, adminOnly);
        return { items: await listAdminCoded(deps, table) };
      },
    );
    app.post(
      `/api/admin/${path}`,
      {
        schema: {
          tags,
          headers: IdempotencyHeaders,
          body: CreateCodedBody,
          response: { 201: AdminCoded, ...problemResponses },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, adminOnly);
        return replyOnce(deps, request, reply, actor, 201, (deps) => createCoded(deps, table, request.body));
      },
    );
    app.patch(
      `/api/admin/${path}/:id`,
      {
        schema: {
          tags,
          params: IdParams,
          body: UpdateCodedBody,
          response: { 200: AdminCoded, ...problemResponses },
        },
      },
      async (request) => {
        requireActor(request, adminOnly);
        return updateCoded(deps, table, request.params.id, request.body);
      },
    );
  }

  app.get(
    '/api/admin/exception-comments',
    { schema: { tags, response: { 200: ItemsOf(AdminExceptionComment), ...problemResponses } } },
    async (request) => {
      requireActor(request, adminOnly);
      return { items: await listAdminComments(deps) };
    },
  );
  app.post(
    '/api/admin/exception-comments',
    {
      schema: {
        tags,
        headers: IdempotencyHeaders,
        body: CreateCommentBody,
        response: { 201: AdminExceptionComment, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, adminOnly);
      return replyOnce(deps, request, reply, actor, 201, (deps) => createComment(deps, request.body));
    },
  );
  app.patch(
    '/api/admin/exception-comments/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: UpdateCommentBody,
        response: { 200: AdminExceptionComment, ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request, adminOnly);
      return updateComment(deps, request.params.id, request.body);
    },
  );
}
