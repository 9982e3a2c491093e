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
  },
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
