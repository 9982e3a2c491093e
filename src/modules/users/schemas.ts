import { Type } from 'typebox';

export const SignInBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const Me = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: Type.String(),
  siteSlug: Type.Union([Type.String(), Type.Null()]),
  siteName: Type.Union([Type.String(), Type.Null()]),
  siteTimeZone: Type.Union([Type.String(), Type.Null()]),
  teamId: Type.Union([Type.String(), Type.Null()]),
  teamName: Type.Union([Type.String(), Type.Null()]),
  teamKind: Type.Union([Type.String(), Type.Null()]),
  presence: Type.String(),
  supervisorId: Type.Union([Type.String(), Type.Null()]),
});

export const CreateApiTokenBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

export const ApiToken = Type.Object({
  id: Type.String(),
  name: Type.String(),
  token: Type.String({ description: 'shown once; send as Authorization: Bearer <token>' }),
  createdAt: Type.String(),
});

export const ApiTokenSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Optional(Type.String({ format: 'date-time', description: 'absent until first used' })),
});

export const ApiTokenList = Type.Object({ items: Type.Array(ApiTokenSummary) });

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'at least 12 characters, 5 of them different, not containing your email',
    }),
  },
  { additionalProperties: false },
);
