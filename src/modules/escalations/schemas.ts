import { Type } from 'typebox';
import { FreeText, IsoDateTime } from '../../http/schemas.ts';

export const CreateEscalationBody = Type.Object(
  {
    jobNumber: Type.String({ minLength: 1, maxLength: 40 }),
    reasons: Type.Array(Type.String({ pattern: '^[a-z0-9_]+$', maxLength: 60 }), {
      minItems: 1,
      maxItems: 20,
    }),
    summary: FreeText({ minLength: 1, maxLength: 4000 }),
    allowDuplicate: Type.Optional(
      Type.Boolean({
        description:
          'false: refuse with 409 `open_escalation_exists` when the job already has an open escalation ' +
          '(the web app sends false, then true once the person confirms); true: open another on purpose. ' +
          'Absent: no check, as before (callers written against the first contract).',
      }),
    ),
  },
  { additionalProperties: false },
);

/** Escalation statuses in which the agent still has work to do (the rest are handed over or done). */
export const openEscalationStatuses = ['open', 'in_queue', 'callback_requested'] as const;

export const OpenEscalation = Type.Object({
  id: Type.String(),
  jobNumber: Type.String(),
  customerName: Type.String(),
  reasons: Type.Array(Type.String()),
  summary: Type.String(),
  status: Type.String(),
  createdAt: IsoDateTime,
  transfer: Type.Union([Type.Object({ id: Type.String(), status: Type.String() }), Type.Null()], {
    description: 'the live transfer (waiting, answered or conferenced), if any',
  }),
  permission: Type.Union([Type.Object({ id: Type.String(), status: Type.String() }), Type.Null()], {
    description: 'the newest callback permission (pending, approved or denied), if any',
  }),
});

export const OpenEscalationList = Type.Object({
  items: Type.Array(OpenEscalation, { description: 'newest first' }),
});

export const OpenEscalationsQuery = Type.Object(
  { jobNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })) },
  { additionalProperties: false },
);

export const Escalation = Type.Object({
  id: Type.String(),
  jobNumber: Type.String(),
  jobId: Type.String(),
  customerId: Type.String(),
  reasons: Type.Array(Type.String()),
  summary: Type.String(),
  status: Type.String(),
  siteSlug: Type.String(),
  outageId: Type.Union([Type.String(), Type.Null()]),
  raisedById: Type.String(),
  raisedByName: Type.String(),
  createdAt: IsoDateTime,
});
