import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor } from '../../http/auth.ts';
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
    { schema: { tags, body: CreateReasonBody, response: { 201: AdminReason, ...problemResponses } } },
    async (request, reply) => {
      requireActor(request, adminOnly);
      return reply.status(201).send(await createReason(deps, request.body));
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
      { schema: { tags, body: CreateCodedBody, response: { 201: AdminCoded, ...problemResponses } } },
      async (request, reply) => {
        requireActor(request, adminOnly);
        return reply.status(201).send(await createCoded(deps, table, request.body));
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
        body: CreateCommentBody,
        response: { 201: AdminExceptionComment, ...problemResponses },
      },
    },
    async (request, reply) => {
      requireActor(request, adminOnly);
      return reply.status(201).send(await createComment(deps, request.body));
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
