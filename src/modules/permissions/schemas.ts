import { Type } from 'typebox';
import { FreeText, IsoDateTime } from '../../http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Person = Type.Object({ id: Type.String(), name: Type.String() });

export const RequestCallbackPermissionBody = Type.Object(
  {
    note: Type.Optional(FreeText({ maxLength: 2000, description: 'what the agent tells the supervisor' })),
  },
  { additionalProperties: false },
);

export const DecideCallbackPermissionBody = Type.Object(
  { note: Type.Optional(FreeText({ maxLength: 2000 })) },
  { additionalProperties: false },
);

export const PermissionStatusValue = Type.Union([
  Type.Literal('pending'),
  Type.Literal('approved'),
  Type.Literal('denied'),
]);

export const ListCallbackPermissionsQuery = Type.Object(
  {
    status: Type.Optional(PermissionStatusValue),
    escalationId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);

export const CallbackPermission = Type.Object({
  id: Type.String(),
  escalationId: Type.String(),
  jobNumber: Type.String(),
  siteSlug: Type.String(),
  status: PermissionStatusValue,
  supervisorId: Type.String(),
  supervisor: Person,
  isFallbackSupervisor: Type.Boolean({
    description: 'the direct supervisor was unavailable; any site supervisor may decide',
  }),
  requestedBy: Person,
  requestedAt: IsoDateTime,
  requestNote: Nullable(Type.String()),
  transferId: Nullable(Type.String()),
  thresholdReached: Type.Boolean({
    description: "whether the escalation's last transfer had waited past the threshold",
  }),
  decidedAt: Nullable(IsoDateTime),
  decidedBy: Nullable(Person),
  decisionSeconds: Nullable(Type.Integer({ description: 'seconds from request to decision' })),
  note: Nullable(Type.String()),
});

export const CallbackPermissionList = Type.Object({ items: Type.Array(CallbackPermission) });
