import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor, roles } from '../../http/auth.ts';
import { IdempotencyHeaders, replyOnce } from '../../http/idempotency.ts';
import { IdParams, problemResponses } from '../../http/schemas.ts';
import {
  Notification,
  NotificationList,
  NotificationListQuery,
  ReadAllResult,
  UnreadCount,
} from './schemas.ts';
import {
  countUnreadNotifications,
  listNotifications,
  readAllNotifications,
  readNotification,
} from './service.ts';

export async function notificationRoutes(app: App, deps: Deps) {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: "The signed-in person's notifications, unread first, newest first, with keyset pagination",
        querystring: NotificationListQuery,
        response: { 200: NotificationList, ...problemResponses },
      },
    },
    async (request) => listNotifications(deps, requireActor(request, roles.everyone), request.query),
  );

  app.get(
    '/api/notifications/unread-count',
    {
      schema: {
        tags: ['notifications'],
        summary: 'How many of your notifications are unread (the bell)',
        response: { 200: UnreadCount, ...problemResponses },
      },
    },
    async (request) => countUnreadNotifications(deps, requireActor(request, roles.everyone)),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of your notifications read',
        params: IdParams,
        headers: IdempotencyHeaders,
        response: { 200: Notification, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, roles.everyone);
      return replyOnce(deps, request, reply, actor, 200, (deps) =>
        readNotification(deps, actor, request.params.id),
      );
    },
  );

  app.post(
    '/api/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark all your notifications read',
        headers: IdempotencyHeaders,
        response: { 200: ReadAllResult, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, roles.everyone);
      return replyOnce(deps, request, reply, actor, 200, (deps) => readAllNotifications(deps, actor));
    },
  );
}
