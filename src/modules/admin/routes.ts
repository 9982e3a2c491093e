import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor } from '../../http/auth.ts';
import { IdempotencyHeaders, replyOnce } from '../../http/idempotency.ts';
import { IdParams, problemResponses } from '../../http/schemas.ts';
import { listRoutes } from './lists-routes.ts';
import {
  AdminRoutingRule,
  AdminSite,
  AdminTeam,
  AdminUser,
  CreateRoutingRuleBody,
  CreateSiteBody,
  CreateTeamBody,
  CreateUserBody,
  ItemsOf,
  SlugParams,
  UpdateRoutingRuleBody,
  UpdateSiteBody,
  UpdateTeamBody,
  UpdateUserBody,
  UsersQuery,
} from './schemas.ts';
import { createRoutingRule, listRoutingRules, updateRoutingRule } from './routing-rules.ts';
import { createSite, listAdminSites, updateSite } from './sites.ts';
import { createTeam, listAdminTeams, updateTeam } from './teams.ts';
import { createUser, listAdminUsers, updateUser } from './users.ts';

const adminOnly = ['admin'] as const;

/** The organisation: sites, teams, users and routing rules (role `admin` only). */
export async function adminRoutes(app: App, deps: Deps) {
  await listRoutes(app, deps);
  const tags = ['admin'];

  app.get(
    '/api/admin/sites',
    { schema: { tags, response: { 200: ItemsOf(AdminSite), ...problemResponses } } },
    async (request) => {
      requireActor(request, adminOnly);
      return { items: await listAdminSites(deps) };
    },
  );
  app.post(
    '/api/admin/sites',
    {
      schema: {
        tags,
        headers: IdempotencyHeaders,
        body: CreateSiteBody,
        response: { 201: AdminSite, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, adminOnly);
      return replyOnce(deps, request, reply, actor, 201, (deps) => createSite(deps, request.body));
    },
  );
  app.patch(
    '/api/admin/sites/:slug',
    {
      schema: {
        tags,
        params: SlugParams,
        body: UpdateSiteBody,
        response: { 200: AdminSite, ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request, adminOnly);
      return updateSite(deps, request.params.slug, request.body);
    },
  );

  app.get(
    '/api/admin/teams',
    { schema: { tags, response: { 200: ItemsOf(AdminTeam), ...problemResponses } } },
    async (request) => {
      requireActor(request, adminOnly);
      return { items: await listAdminTeams(deps) };
    },
  );
  app.post(
    '/api/admin/teams',
    {
      schema: {
        tags,
        headers: IdempotencyHeaders,
        body: CreateTeamBody,
        response: { 201: AdminTeam, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, adminOnly);
      return replyOnce(deps, request, reply, actor, 201, (deps) => createTeam(deps, request.body));
    },
  );
  app.patch(
    '/api/admin/teams/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: UpdateTeamBody,
        response: { 200: AdminTeam, ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request, adminOnly);
      return updateTeam(deps, request.params.id, request.body);
    },
  );

  app.get(
    '/api/admin/users',
    { schema: { tags, querystring: UsersQuery, response: { 200: ItemsOf(AdminUser), ...problemResponses } } },
    async (request) => {
      requireActor(request, adminOnly);
      return { items: await listAdminUsers(deps, request.query) };
    },
  );
  app.post(
    '/api/admin/users',
    {
      schema: {
        tags,
        headers: IdempotencyHeaders,
        body: CreateUserBody,
        response: { 201: AdminUser, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, adminOnly);
      return replyOnce(deps, request, reply, actor, 201, (deps) => createUser(deps, request.body));
    },
  );
  app.patch(
    '/api/admin/users/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: AdminUser, ...problemResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request, adminOnly);
      return updateUser(deps, actor, request.params.id, request.body);
    },
  );

  app.get(
    '/api/admin/routing-rules',
    { schema: { tags, response: { 200: ItemsOf(AdminRoutingRule), ...problemResponses } } },
    async (request) => {
      requireActor(request, adminOnly);
      return { items: await listRoutingRules(deps) };
    },
  );
  app.post(
    '/api/admin/routing-rules',
    {
      schema: {
        tags,
        headers: IdempotencyHeaders,
        body: CreateRoutingRuleBody,
        response: { 201: AdminRoutingRule, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, adminOnly);
      return replyOnce(deps, request, reply, actor, 201, (deps) => createRoutingRule(deps, request.body));
    },
  );
  app.patch(
    '/api/admin/routing-rules/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: UpdateRoutingRuleBody,
        response: { 200: AdminRoutingRule, ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request, adminOnly);
      return updateRoutingRule(deps, request.params.id, request.body);
    },
  );
}
