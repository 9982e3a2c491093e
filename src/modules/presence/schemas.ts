import { Type } from 'typebox';

export const PresenceValue = Type.Union(
  [Type.Literal('available'), Type.Literal('busy'), Type.Literal('away'), Type.Literal('offline')],
  { description: 'available / busy / away / offline' },
);

export const SetPresenceBody = Type.Object({ presence: PresenceValue }, { additionalProperties: false });

export const PresenceResult = Type.Object({ userId: Type.String(), presence: PresenceValue });

export const SiteSlugParams = Type.Object({
  siteSlug: Type.String({ pattern: '^[a-z0-9-]+$', maxLength: 60 }),
});

export const DeskMember = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Type.String(),
  presence: PresenceValue,
  activeTransferId: Type.Union([Type.String(), Type.Null()]),
});

export const Desk = Type.Object({
  siteSlug: Type.String(),
  siteName: Type.String(),
  availableCount: Type.Integer(),
  members: Type.Array(DeskMember),
});

export const Heartbeat = Type.Object({
  timeoutSeconds: Type.Integer({ description: 'send the next heartbeat well within this' }),
});
