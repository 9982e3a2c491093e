import { Type } from 'typebox';
import { FreeText, IsoDateTime, Uuid } from '../../http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const TaskTypeSchema = Type.Union([
  Type.Literal('callback'),
  Type.Literal('tier2_record'),
  Type.Literal('tier3'),
  Type.Literal('executive_case'),
  Type.Literal('purchasing'),
]);
export const TaskStatusSchema = Type.Union([
  Type.Literal('not_started'),
  Type.Literal('in_progress'),
  Type.Literal('waiting'),
  Type.Literal('completed'),
]);

export const PromiseStateSchema = Type.Union([
  Type.Literal('open'),
  Type.Literal('at_risk'),
  Type.Literal('broken'),
  Type.Literal('kept'),
]);

export const Task = Type.Object({
  id: Type.String(),
  type: Type.String(),
  status: TaskStatusSchema,
  title: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
  team: Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String() }),
  assigneeId: Nullable(Type.String()),
  assignee: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  dueAt: Nullable(IsoDateTime),
  jobId: Nullable(Type.String()),
  jobNumber: Nullable(Type.String()),
  customerId: Nullable(Type.String()),
  customerName: Nullable(Type.String()),
  exceptionId: Nullable(Type.String()),
  appointmentId: Nullable(Type.String()),
  escalationId: Nullable(Type.String()),
  resolution: Nullable(
    Type.Object({
      reasonId: Type.String(),
      code: Type.String(),
      label: Type.String(),
      note: Nullable(Type.String()),
    }),
  ),
  createdById: Nullable(Type.String()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  completedAt: Nullable(IsoDateTime),
  version: Type.Integer(),
  promise: Nullable(
    Type.Object(
      {
        state: PromiseStateSchema,
        dueAt: Nullable(IsoDateTime),
      },
      {
        description:
          "a callback task's contact promises summed up: broken, at risk, open or kept, and when due",
      },
    ),
  ),
});

/** A task just opened by hand, and whether its creator may open it (else the web only confirms). */
export const CreatedTask = Type.Object({
  ...Task.properties,
  isVisibleToCreator: Type.Boolean({
    description:
      'false when the task went to a team the creator does not see: show a confirmation, not the task',
  }),
});

/** Contact promises of a callback task (filled in by the promises feature). */
const ContactPromise = Type.Object(
  {
    kind: Type.String(),
    dueAt: IsoDateTime,
    keptAt: Type.Optional(Nullable(IsoDateTime)),
    brokenAt: Type.Optional(Nullable(IsoDateTime)),
  },
  { additionalProperties: true },
);

/** One task opened alone: the task plus what other features attach to it. */
export const TaskDetail = Type.Object(
  {
    ...Task.properties,
    allowedStatuses: Type.Array(Type.String(), { description: 'statuses PATCH may move this task to' }),
    customerPhone: Type.Optional(
      Nullable(Type.String({ description: "the customer's number (E.164), for click-to-dial" })),
    ),
    promises: Type.Optional(Type.Array(ContactPromise)),
  },
  { additionalProperties: true },
);

export const TaskList = Type.Object({ items: Type.Array(Task), nextCursor: Nullable(Type.String()) });

export const TaskListQuery = Type.Object(
  {
    status: Type.Optional(
      Type.String({
        pattern:
          '^(open|not_started|in_progress|waiting|completed)(,(open|not_started|in_progress|waiting|completed))*$',
        description: 'a status, several separated by commas, or `open` (anything not completed)',
      }),
    ),
    type: Type.Optional(TaskTypeSchema),
    teamId: Type.Optional(Uuid),
    assignee: Type.Optional(
      Type.String({
        pattern: '^(me|unassigned|[0-9a-fA-F-]{36})$',
        description: '`me`, `unassigned` or a user id',
      }),
    ),
    customerId: Type.Optional(Uuid),
    jobNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    dueFrom: Type.Optional(Type.String({ format: 'date-time' })),
    dueTo: Type.Optional(Type.String({ format: 'date-time' })),
    promise: Type.Optional(
      Type.String({
        pattern: '^(open|at_risk|broken|kept)(,(open|at_risk|broken|kept))*$',
        description: 'callback tasks whose contact promises are in this state (several separated by commas)',
      }),
    ),
    promiseKind: Type.Optional(
      Type.Union([Type.Literal('first_contact'), Type.Literal('retry'), Type.Literal('reschedule_email')], {
        description:
          'tasks with a live contact promise of this kind (with the other `promise…` filters: the same promise)',
      }),
    ),
    promiseOutcome: Type.Optional(
      Type.Union([Type.Literal('kept'), Type.Literal('broken'), Type.Literal('open')], {
        description: 'tasks with a live contact promise kept, broken, or not yet decided (`open`)',
      }),
    ),
    promiseDueFrom: Type.Optional(
      Type.String({ format: 'date-time', description: 'a live promise due from' }),
    ),
    promiseDueTo: Type.Optional(
      Type.String({ format: 'date-time', description: 'a live promise due before (exclusive)' }),
    ),
    createdFrom: Type.Optional(Type.String({ format: 'date-time' })),
    createdTo: Type.Optional(Type.String({ format: 'date-time', description: 'exclusive' })),
    completedFrom: Type.Optional(Type.String({ format: 'date-time' })),
    completedTo: Type.Optional(Type.String({ format: 'date-time', description: 'exclusive' })),
    site: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9-]+$',
        maxLength: 60,
        description: "a site's slug (the reports' site)",
      }),
    ),
    sort: Type.Optional(
      Type.Union([Type.Literal('created'), Type.Literal('due'), Type.Literal('promise')], {
        description:
          '`created` (default): newest first; `due`: soonest due first; `promise`: soonest promise due first',
      }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 300, description: 'nextCursor of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

export const TaskCountQuery = Type.Object(
  {
    status: TaskListQuery.properties.status,
    type: TaskListQuery.properties.type,
    teamId: TaskListQuery.properties.teamId,
    assignee: TaskListQuery.properties.assignee,
    customerId: TaskListQuery.properties.customerId,
    jobNumber: TaskListQuery.properties.jobNumber,
    dueFrom: TaskListQuery.properties.dueFrom,
    dueTo: TaskListQuery.properties.dueTo,
    promise: TaskListQuery.properties.promise,
    promiseKind: TaskListQuery.properties.promiseKind,
    promiseOutcome: TaskListQuery.properties.promiseOutcome,
    promiseDueFrom: TaskListQuery.properties.promiseDueFrom,
    promiseDueTo: TaskListQuery.properties.promiseDueTo,
    createdFrom: TaskListQuery.properties.createdFrom,
    createdTo: TaskListQuery.properties.createdTo,
    completedFrom: TaskListQuery.properties.completedFrom,
    completedTo: TaskListQuery.properties.completedTo,
    site: TaskListQuery.properties.site,
  },
  { additionalProperties: false },
);

export const TaskCounts = Type.Object({
  counts: Type.Object({
    not_started: Type.Integer(),
    in_progress: Type.Integer(),
    waiting: Type.Integer(),
    completed: Type.Integer(),
  }),
  total: Type.Integer(),
});

export const UpdateTaskBody = Type.Object(
  {
    status: Type.Optional(TaskStatusSchema),
    assigneeId: Type.Optional(Nullable(Uuid)),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const CompleteTaskBody = Type.Object(
  {
    resolutionReasonId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'every type but tier2_record: an active resolution reason (GET /api/resolution-reasons)',
      }),
    ),
    tier2ResolutionTypeId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'tier2_record: an active Tier 2 resolution type (GET /api/tier2-resolution-types)',
      }),
    ),
    answer: Type.Optional(
      FreeText({
        minLength: 1,
        maxLength: 4000,
        description: "purchasing (required): Purchasing's answer, noted on the job and sent to the requester",
      }),
    ),
    note: Type.Optional(FreeText({ maxLength: 4000 })),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

export const CreateTaskBody = Type.Object(
  {
    type: Type.Union([Type.Literal('tier2_record'), Type.Literal('tier3'), Type.Literal('purchasing')], {
      description: 'the types people create by hand',
    }),
    jobNumber: Type.Optional(Text(40)),
    title: Type.Optional(Text(200)),
    details: Type.Optional(FreeText({ maxLength: 8000, description: 'free text' })),
    dueAt: Type.Optional(Type.String({ format: 'date-time' })),
    escalationId: Type.Optional(Uuid),
    escalationType: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9_]+$',
        maxLength: 60,
        description: 'tier2_record: an escalation reason code',
      }),
    ),
    resolution: Type.Optional(FreeText({ minLength: 1, maxLength: 4000, description: 'tier2_record' })),
    orderNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'purchasing' })),
    part: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'purchasing' })),
    question: Type.Optional(FreeText({ minLength: 1, maxLength: 4000, description: 'purchasing' })),
  },
  { additionalProperties: false },
);
