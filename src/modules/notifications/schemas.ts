import { Type } from 'typebox';
import { IsoDateTime } from '../../http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const Notification = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'the live event it came with, e.g. callback.promise_broken' }),
  taskId: Nullable(Type.String()),
  title: Type.String(),
  body: Type.String(),
  createdAt: IsoDateTime,
  readAt: Nullable(IsoDateTime),
});

export const NotificationList = Type.Object({
  items: Type.Array(Notification),
  nextCursor: Nullable(Type.String()),
  unread: Type.Integer({ description: 'unread notifications in all' }),
});

export const NotificationListQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 300, description: 'nextCursor of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);

export const UnreadCount = Type.Object({ unread: Type.Integer() });

export const ReadAllResult = Type.Object({
  updated: Type.Integer({ description: 'notifications marked read' }),
});
