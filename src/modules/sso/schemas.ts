import { Type } from 'typebox';
import { IsoDateTime, Uuid } from '../../http/schemas.ts';
import { peopleRoles } from '../../lib/roles.ts';

// A person signing in with their company account; the integration role is for API tokens only.
const Role = Type.Union(peopleRoles.map((r) => Type.Literal(r)));

export const AddSsoRuleBody = Type.Object(
  {
    claimValue: Type.String({
      minLength: 1,
      maxLength: 300,
      description: 'a value of the role claim, e.g. a group',
    }),
    role: Role,
    siteSlug: Type.Optional(
      Type.Union([Type.String({ pattern: '^[a-z0-9-]+$', maxLength: 60 }), Type.Null()]),
    ),
    teamId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { additionalProperties: false },
);

export const SsoRule = Type.Object({
  id: Type.String(),
  position: Type.Integer({ description: 'rules are tried in this order; the first match wins' }),
  claimValue: Type.String(),
  role: Type.String(),
  siteSlug: Type.Union([Type.String(), Type.Null()]),
  teamId: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoDateTime,
});

export const SsoRules = Type.Object({ items: Type.Array(SsoRule) });

export const AuthMethods = Type.Object({
  password: Type.Boolean(),
  oidc: Type.Union([Type.Object({ loginUrl: Type.String(), label: Type.String() }), Type.Null()]),
});
