import { Type } from 'typebox';
import { FreeText, IsoDateTime } from '../../http/schemas.ts';

const outageFields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  guidance: FreeText({ minLength: 1, maxLength: 10000, description: 'what agents should do' }),
  script: FreeText({ minLength: 1, maxLength: 10000, description: 'what agents tell customers' }),
  siteSlugs: Type.Array(Type.String({ pattern: '^[a-z0-9-]+$', maxLength: 60 }), {
    minItems: 1,
    maxItems: 100,
    description: 'the affected sites',
  }),
};

export const DeclareOutageBody = Type.Object(outageFields, { additionalProperties: false });

/** Corrects a running outage: any of its texts, or the sites it covers. */
export const EditOutageBody = Type.Object(
  {
    title: Type.Optional(outageFields.title),
    guidance: Type.Optional(outageFields.guidance),
    script: Type.Optional(outageFields.script),
    siteSlugs: Type.Optional(outageFields.siteSlugs),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const Outage = Type.Object({
  id: Type.String(),
  title: Type.String(),
  guidance: Type.String(),
  script: Type.String(),
  siteSlugs: Type.Array(Type.String()),
  startedAt: IsoDateTime,
  endedAt: Type.Union([IsoDateTime, Type.Null()]),
  isActive: Type.Boolean(),
  declaredById: Type.String(),
  declaredByName: Type.String(),
});

export const Outages = Type.Object({ items: Type.Array(Outage) });
