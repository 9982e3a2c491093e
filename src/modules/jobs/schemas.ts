import { Type } from 'typebox';
import { FreeText, IsoDateTime } from '../../http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const JobSearchQuery = Type.Object(
  { q: Type.String({ maxLength: 100, description: 'job number, customer name or phone' }) },
  { additionalProperties: false },
);

export const JobSummary = Type.Object({
  id: Type.String(),
  number: Type.String(),
  product: Type.String(),
  status: Type.String(),
  customerId: Type.String(),
  customerName: Type.String(),
  customerPhone: Type.String(),
});

export const JobNumberParams = Type.Object({ number: Type.String({ minLength: 1, maxLength: 40 }) });

export const JobNote = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  body: Type.String(),
  details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  createdAt: IsoDateTime,
  authorId: Nullable(Type.String()),
  authorName: Nullable(Type.String()),
});

export const Job = Type.Object({
  id: Type.String(),
  number: Type.String(),
  product: Type.String(),
  status: Type.String(),
  createdAt: IsoDateTime,
  customer: Type.Object({
    id: Type.String(),
    name: Type.String(),
    phone: Type.String(),
    email: Nullable(Type.String()),
    timeZone: Type.String(),
  }),
  parts: Type.Array(
    Type.Object({
      id: Type.String(),
      partNumber: Type.String(),
      description: Type.String(),
      status: Type.String(),
      orderedAt: Nullable(IsoDateTime),
    }),
  ),
  notes: Type.Array(JobNote),
  exceptions: Type.Array(
    Type.Object({
      id: Type.String(),
      type: Type.String(),
      typeLabel: Type.String(),
      status: Type.String(),
      commentId: Type.String(),
      comment: Type.String(),
      escalationId: Nullable(Type.String()),
      createdAt: IsoDateTime,
      closedAt: Nullable(IsoDateTime),
    }),
  ),
});

export const AddNoteBody = Type.Object(
  { body: FreeText({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false },
);
