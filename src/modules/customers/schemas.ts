import { Type } from 'typebox';
import { IsoDateTime } from '../../http/schemas.ts';
import { Task } from '../tasks/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const CustomerView = Type.Object({
  customer: Type.Object({
    id: Type.String(),
    name: Type.String(),
    phone: Type.String(),
    email: Nullable(Type.String()),
    timeZone: Type.String(),
    createdAt: IsoDateTime,
  }),
  jobs: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Type.String(),
      product: Type.String(),
      status: Type.String(),
      createdAt: IsoDateTime,
    }),
  ),
  escalations: Type.Array(
    Type.Object({
      id: Type.String(),
      jobNumber: Type.String(),
      reasons: Type.Array(Type.String()),
      summary: Type.String(),
      status: Type.String(),
      siteSlug: Type.String(),
      outageId: Nullable(Type.String()),
      createdAt: IsoDateTime,
    }),
  ),
  exceptions: Type.Array(
    Type.Object({
      id: Type.String(),
      jobNumber: Type.String(),
      type: Type.String(),
      typeLabel: Type.String(),
      status: Type.String(),
      comment: Type.String(),
      escalationId: Nullable(Type.String()),
      createdAt: IsoDateTime,
      closedAt: Nullable(IsoDateTime),
    }),
  ),
  tasks: Type.Array(Task),
  appointments: Type.Array(
    Type.Object({
      id: Type.String(),
      start: IsoDateTime,
      end: IsoDateTime,
      siteSlug: Type.String(),
      status: Type.String(),
      customerTimeZone: Type.String(),
      escalationId: Type.String(),
    }),
  ),
});
