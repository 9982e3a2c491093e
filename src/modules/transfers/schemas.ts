import { Type } from 'typebox';
import { IsoDateTime } from '../../http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Person = Type.Object({ id: Type.String(), name: Type.String() });

export const TransferStatusValue = Type.Union([
  Type.Literal('waiting'),
  Type.Literal('answered'),
  Type.Literal('conferenced'),
  Type.Literal('completed'),
  Type.Literal('abandoned'),
]);

export const EnqueueTransferBody = Type.Object(
  {
    siteSlug: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9-]+$',
        maxLength: 60,
        description: "another site's desk; allowed only when nobody on your own desk is available",
      }),
    ),
  },
  { additionalProperties: false },
);

export const EmptyBody = Type.Object({}, { additionalProperties: false });

export const Brief = Type.Object({
  escalationId: Type.String(),
  reasons: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
  summary: Type.String(),
  outageId: Nullable(Type.String()),
  customer: Type.Object({
    id: Type.String(),
    name: Type.String(),
    phone: Type.String(),
    email: Nullable(Type.String()),
    timeZone: Type.String(),
  }),
  job: Type.Object({
    id: Type.String(),
    number: Type.String(),
    product: Type.String(),
    status: Type.String(),
  }),
  agent: Person,
});

const transferFields = {
  id: Type.String(),
  escalationId: Type.String(),
  siteSlug: Type.String(),
  siteName: Type.String(),
  status: TransferStatusValue,
  agent: Person,
  enqueuedAt: IsoDateTime,
  estimatedWaitSeconds: Nullable(Type.Integer({ description: 'null: nobody on the desk was available' })),
  thresholdSeconds: Type.Integer(),
  waitedSeconds: Type.Integer({ description: 'until answered or abandoned, else until now' }),
  thresholdReached: Type.Boolean(),
  thresholdReachedAt: Nullable(IsoDateTime),
  answeredAt: Nullable(IsoDateTime),
  answeredBy: Nullable(Type.Object({ id: Type.String(), name: Type.String(), role: Type.String() })),
  conferencedAt: Nullable(IsoDateTime),
  leftAt: Nullable(IsoDateTime),
  abandonedAt: Nullable(IsoDateTime),
  brief: Brief,
};

export const Transfer = Type.Object(transferFields);

export const TransferList = Type.Object({ items: Type.Array(Transfer) });

export const ActiveCall = Type.Object({
  call: Type.Union([Transfer, Type.Null()], {
    description: 'the transfer the desk member answered and has not finished, with its brief; null when none',
  }),
});

export const EnqueuedTransfer = Type.Object({
  ...transferFields,
  position: Type.Integer({ description: '1 = next to be answered' }),
  hasAvailableMembers: Type.Boolean(),
  averageAnswerSeconds: Type.Integer({ description: 'moving average the estimate is built on' }),
  isWaitLikelyOverThreshold: Type.Boolean({
    description: 'the estimate (or its absence) foresees a long wait',
  }),
});

const QueueItem = Type.Object({
  id: Type.String(),
  escalationId: Type.String(),
  status: TransferStatusValue,
  jobNumber: Type.String(),
  customerName: Type.String(),
  reasons: Type.Array(Type.String()),
  summary: Type.String(),
  agent: Person,
  enqueuedAt: IsoDateTime,
  estimatedWaitSeconds: Nullable(Type.Integer()),
  waitedSeconds: Type.Integer(),
  thresholdSeconds: Type.Integer(),
  thresholdReached: Type.Boolean(),
  answeredBy: Nullable(Person),
  position: Type.Optional(Type.Integer()),
});

export const Queue = Type.Object({
  siteSlug: Type.String(),
  serverTime: IsoDateTime,
  availableMembers: Type.Integer(),
  items: Type.Array(QueueItem, { description: 'waiting requests, oldest first' }),
  inProgress: Type.Array(QueueItem, { description: 'answered or conferenced calls' }),
});
