import { Type } from 'typebox';
import { FreeText, IsoDateTime } from '../../http/schemas.ts';

export const DeclareOutageBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    guidance: FreeText({ minLength: 1, maxLength: 10000, description: 'what agents should do' }),
    script: FreeText({ minLength: 1, maxLength: 10000, description: 'what agents tell customers' }),
    siteSlugs: Type.Array(Type.String({ pattern: '^[a-z0-9-]+$', maxLength: 60 }), {
      minItems: 1,
      maxItems: 100,
    }),
  },
  { additionalProperties: false },
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
