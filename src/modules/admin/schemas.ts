import { Type } from 'typebox';
import { FreeText, IsoDateTime, Uuid } from '../../http/schemas.ts';
import { allRoles } from '../../lib/roles.ts';

// Bodies and shapes of the admin API. Bodies refuse unknown fields; a PATCH needs at least one field.

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Code = Type.String({ pattern: '^[a-z0-9_]+$', minLength: 1, maxLength: 60 });
const Label = Type.String({ minLength: 1, maxLength: 200 });
const body = { additionalProperties: false } as const;
const patch = { additionalProperties: false, minProperties: 1 } as const;

export const ItemsOf = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ items: Type.Array(item) });

export const AdminReason = Type.Object({
  id: Type.String(),
  code: Type.String(),
  label: Type.String(),
  position: Type.Integer(),
  isActive: Type.Boolean(),
});
export const CreateReasonBody = Type.Object(
  { code: Code, label: Label, position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })) },
  body,
);
export const UpdateReasonBody = Type.Object(
  {
    label: Type.Optional(Label),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
    isActive: Type.Optional(Type.Boolean()),
  },
  patch,
);

export const AdminCoded = Type.Object({
  id: Type.String(),
  code: Type.String(),
  label: Type.String(),
  isActive: Type.Boolean(),
});
export const CreateCodedBody = Type.Object({ code: Code, label: Label }, body);
export const UpdateCodedBody = Type.Object(
  { label: Type.Optional(Label), isActive: Type.Optional(Type.Boolean()) },
  patch,
);

export const AdminExceptionComment = Type.Object({
  id: Type.String(),
  exceptionTypeId: Type.String(),
  exceptionType: Type.String(),
  reasonId: Nullable(Type.String()),
  reasonCode: Nullable(Type.String()),
  body: Type.String(),
  isActive: Type.Boolean(),
});
const CommentText = FreeText({ minLength: 1, maxLength: 1000 });
export const CreateCommentBody = Type.Object(
  { exceptionTypeId: Uuid, reasonId: Type.Optional(Nullable(Uuid)), body: CommentText },
  body,
);
export const UpdateCommentBody = Type.Object(
  {
    reasonId: Type.Optional(Nullable(Uuid)),
    body: Type.Optional(CommentText),
    isActive: Type.Optional(Type.Boolean()),
  },
  patch,
);

const TeamKind = Type.Union([Type.Literal('bpo'), Type.Literal('captive'), Type.Literal('internal')]);
const Strategy = Type.Union(
  ['round_robin', 'least_loaded', 'random', 'direct', 'queue'].map((s) => Type.Literal(s)),
  { description: 'how tasks are assigned inside the team' },
);
export const AdminTeam = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  assignmentStrategy: Type.String(),
  directAssigneeId: Nullable(Type.String()),
  activeMembers: Type.Integer(),
});
export const CreateTeamBody = Type.Object(
  {
    name: Label,
    kind: TeamKind,
    assignmentStrategy: Type.Optional(Strategy),
    directAssigneeId: Type.Optional(Nullable(Uuid)),
  },
  body,
);
export const UpdateTeamBody = Type.Object(
  {
    name: Type.Optional(Label),
    kind: Type.Optional(TeamKind),
    assignmentStrategy: Type.Optional(Strategy),
    directAssigneeId: Type.Optional(Nullable(Uuid)),
  },
  patch,
);

const Role = Type.Union(allRoles.map((r) => Type.Literal(r)));
const Email = Type.String({ format: 'email', maxLength: 254 });
const Password = Type.String({ minLength: 8, maxLength: 200, description: 'at least 8 characters' });
const Slug = Type.String({ pattern: '^[a-z0-9-]+$', minLength: 1, maxLength: 60 });
export const AdminUser = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.String(),
  siteSlug: Nullable(Type.String()),
  teamId: Nullable(Type.String()),
  teamName: Nullable(Type.String()),
  supervisorId: Nullable(Type.String()),
  presence: Type.String(),
  isActive: Type.Boolean(),
  openTasks: Type.Integer({ description: 'tasks assigned to them and not completed' }),
  createdAt: IsoDateTime,
});
export const UsersQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'name or email contains' })),
    role: Type.Optional(Role),
    includeInactive: Type.Optional(Type.Boolean({ default: true })),
  },
  body,
);
export const CreateUserBody = Type.Object(
  {
    email: Email,
    name: Label,
    password: Password,
    role: Role,
    siteSlug: Type.Optional(Nullable(Slug)),
    teamId: Type.Optional(Nullable(Uuid)),
    supervisorId: Type.Optional(Nullable(Uuid)),
  },
  body,
);
export const UpdateUserBody = Type.Object(
  {
    email: Type.Optional(Email),
    name: Type.Optional(Label),
    password: Type.Optional(Password),
    role: Type.Optional(Role),
    siteSlug: Type.Optional(Nullable(Slug)),
    teamId: Type.Optional(Nullable(Uuid)),
    supervisorId: Type.Optional(Nullable(Uuid)),
    isActive: Type.Optional(Type.Boolean()),
  },
  patch,
);

const siteSettings = {
  transferThresholdSeconds: Type.Optional(
    Type.Integer({ minimum: 10, maximum: 3600, description: 'queue wait before the three-minute rule; 180' }),
  ),
  windowMinutes: Type.Optional(
    Type.Integer({ minimum: 5, maximum: 240, multipleOf: 5, description: 'callback window length; 30' }),
  ),
  bookingHorizonDays: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 365, description: 'how far ahead customers may book; 30' }),
  ),
  minNoticeMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 10080 })),
  callbacksPerMember: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
};
const TimeZone = Type.String({ minLength: 1, maxLength: 64, description: 'an IANA time zone' });
export const AdminSite = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  timeZone: Type.String(),
  transferThresholdSeconds: Type.Integer(),
  windowMinutes: Type.Integer(),
  bookingHorizonDays: Type.Integer(),
  minNoticeMinutes: Type.Integer(),
  callbacksPerMember: Type.Integer(),
  calendarFeedUrl: Type.String(),
});
export const CreateSiteBody = Type.Object(
  { slug: Slug, name: Label, timeZone: TimeZone, ...siteSettings },
  body,
);
export const UpdateSiteBody = Type.Object(
  {
    name: Type.Optional(Label),
    timeZone: Type.Optional(TimeZone),
    ...siteSettings,
    rotateCalendarToken: Type.Optional(Type.Literal(true, { description: 'issue a new feed token' })),
  },
  patch,
);
export const SlugParams = Type.Object({ slug: Slug });

const TaskType = Type.Union(
  ['callback', 'tier2_record', 'tier3', 'executive_case', 'purchasing'].map((t) => Type.Literal(t)),
);
const ruleFields = {
  taskType: Type.Optional(Nullable(TaskType)),
  exceptionTypeId: Type.Optional(Nullable(Uuid)),
  matchUserId: Type.Optional(Nullable(Uuid)),
  matchSiteId: Type.Optional(Nullable(Uuid)),
  matchTeamId: Type.Optional(Nullable(Uuid)),
  assigneeId: Type.Optional(Nullable(Uuid)),
};
const Position = Type.Integer({ minimum: 0, maximum: 1000000, description: 'lower positions match first' });
export const AdminRoutingRule = Type.Object({
  id: Type.String(),
  position: Type.Integer(),
  taskType: Nullable(Type.String()),
  exceptionTypeId: Nullable(Type.String()),
  exceptionTypeLabel: Nullable(Type.String()),
  matchUserId: Nullable(Type.String()),
  matchUserName: Nullable(Type.String()),
  matchSiteId: Nullable(Type.String()),
  matchSiteName: Nullable(Type.String()),
  matchTeamId: Nullable(Type.String()),
  matchTeamName: Nullable(Type.String()),
  teamId: Type.String(),
  teamName: Type.String(),
  assigneeId: Nullable(Type.String()),
  assigneeName: Nullable(Type.String()),
  isActive: Type.Boolean(),
});
export const CreateRoutingRuleBody = Type.Object(
  { position: Type.Optional(Position), teamId: Uuid, ...ruleFields },
  body,
);
export const UpdateRoutingRuleBody = Type.Object(
  {
    position: Type.Optional(Position),
    teamId: Type.Optional(Uuid),
    ...ruleFields,
    isActive: Type.Optional(Type.Boolean()),
  },
  patch,
);
