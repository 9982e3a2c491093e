import { Type } from 'typebox';
import { IsoDateTime, Uuid } from '../../http/schemas.ts';
import { Task } from '../tasks/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const OpenExceptionBody = Type.Object(
  {
    type: Type.String({
      pattern: '^[a-z0-9_]+$',
      maxLength: 60,
      description: 'exception type code, e.g. call_back',
    }),
    commentId: Uuid,
    escalationId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const Exception = Type.Object({
  id: Type.String(),
  jobId: Type.String(),
  jobNumber: Type.String(),
  type: Type.String(),
  typeLabel: Type.String(),
  status: Type.String(),
  commentId: Type.String(),
  comment: Type.String(),
  escalationId: Nullable(Type.String()),
  createdById: Type.String(),
  createdAt: IsoDateTime,
  closedAt: Nullable(IsoDateTime),
  closedById: Nullable(Type.String()),
});

export const OpenedException = Type.Object({ exception: Exception, task: Nullable(Task) });
