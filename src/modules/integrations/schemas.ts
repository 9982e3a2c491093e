import { Type } from 'typebox';
import { IsoDateTime, Uuid } from '../../http/schemas.ts';

const externalNumberPattern = '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$';

export const ExternalNumberParams = Type.Object({
  externalNumber: Type.String({
    pattern: externalNumberPattern,
    description: "the job system's job number, which is the job's number here (e.g. J-100100)",
  }),
});

const Text = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) });

export const IntakeCustomer = Type.Object(
  {
    externalId: Text(64, "the job system's customer id; customers are matched by it"),
    name: Text(200),
    phone: Text(40, 'any common spelling; stored in E.164 (ten digits are read as a US number)'),
    email: Type.Union([Type.String({ maxLength: 254 }), Type.Null()], {
      description: 'empty or null: no email',
    }),
    timeZone: Text(64, 'IANA zone, e.g. America/Chicago'),
  },
  { additionalProperties: false },
);

export const IntakePart = Type.Object(
  {
    partNumber: Text(64),
    description: Text(500),
    status: Text(60),
    orderedAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  },
  { additionalProperties: false },
);

const jobFields = {
  customer: IntakeCustomer,
  product: Text(200),
  status: Text(60, "the job system's status, kept as given"),
  parts: Type.Optional(
    Type.Array(IntakePart, {
      maxItems: 100,
      description: "when given, the job's parts become exactly these; when left out, parts are untouched",
    }),
  ),
};

export const PutJobBody = Type.Object(jobFields, { additionalProperties: false });

/** One item of a batch: a job with its number. Checked item by item, so one bad item fails alone. */
export const BatchJobItem = Type.Object(
  { externalNumber: Type.String({ pattern: externalNumberPattern }), ...jobFields },
  { additionalProperties: false },
);

export const JobsBatchBody = Type.Object(
  {
    items: Type.Array(Type.Unsafe<unknown>({ description: 'a job as in PUT, plus `externalNumber`' }), {
      minItems: 1,
      maxItems: 1000,
      description: 'up to 1,000 jobs (see BatchJobItem); each is answered on its own',
    }),
  },
  { additionalProperties: false },
);

export const IntakeResult = Type.Object({
  externalNumber: Type.String(),
  jobId: Type.String(),
  customerId: Type.String(),
  result: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('unchanged')]),
});

export const BatchItemAnswer = Type.Object({
  index: Type.Integer({ description: 'position in `items`, from 0' }),
  externalNumber: Type.Union([Type.String(), Type.Null()]),
  status: Type.Integer({
    description:
      '201 created, 200 updated or unchanged; 400 bad item or 409 clashing with an earlier item (nothing written for it)',
  }),
  result: Type.Optional(Type.String({ description: 'created | updated | unchanged' })),
  jobId: Type.Optional(Type.String()),
  customerId: Type.Optional(Type.String()),
  code: Type.Optional(Type.String({ description: 'on 400 validation_failed, on 409 conflict' })),
  errors: Type.Optional(
    Type.Array(Type.Object({ field: Type.String(), message: Type.String() }), {
      description: 'every problem with the item, by field path',
    }),
  ),
});

export const JobsBatchAnswer = Type.Object({
  items: Type.Array(BatchItemAnswer),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  refused: Type.Integer(),
});

export const CallEventName = Type.Union([
  Type.Literal('queued'),
  Type.Literal('answered'),
  Type.Literal('held'),
  Type.Literal('conferenced'),
  Type.Literal('transferred'),
  Type.Literal('ended'),
]);

export const CallOutcome = Type.Union(
  [
    Type.Literal('connected'),
    Type.Literal('no_answer'),
    Type.Literal('voicemail'),
    Type.Literal('wrong_number'),
    Type.Literal('dropped'),
  ],
  {
    description:
      'on `ended` of an outbound callback call: how the attempt went (connected = the customer answered, ' +
      'no_answer, voicemail = a message was left, wrong_number, dropped = cut off). An `ended` with an ' +
      'outcome is recorded as a call attempt on the callback task; without one it ends a live transfer.',
  },
);

export const CallEventBody = Type.Object(
  {
    callId: Text(128, "the phone platform's call id; (callId, event) is applied once"),
    event: CallEventName,
    at: Type.String({ format: 'date-time', description: 'when it happened on the platform' }),
    agentEmail: Type.Optional(
      Type.String({
        maxLength: 254,
        description:
          'who is on our side of the call: on `answered` of a transfer the desk member who picked up; ' +
          'on a callback attempt the callback worker who called (else the task assignee)',
      }),
    ),
    customerPhone: Type.Optional(Text(40, 'matches when no transferId or taskId is given')),
    transferId: Type.Optional(Uuid),
    taskId: Type.Optional(Uuid),
    outcome: Type.Optional(CallOutcome),
  },
  { additionalProperties: false },
);

export const CallEventAnswer = Type.Object({
  id: Type.String(),
  callId: Type.String(),
  event: Type.String(),
  status: Type.String({
    description:
      'applied | unmatched (matched no transfer or task; kept for review) | refused (matched, but the ' +
      'step was not allowed; kept for review, with `detail`)',
  }),
  isDuplicate: Type.Boolean({ description: 'this (callId, event) came before; nothing was applied again' }),
  detail: Type.Union([Type.String(), Type.Null()]),
  transferId: Type.Union([Type.String(), Type.Null()]),
  taskId: Type.Union([Type.String(), Type.Null()]),
  attemptId: Type.Union([Type.String(), Type.Null()]),
});

export const ReviewedCallEvent = Type.Object({
  id: Type.String(),
  callId: Type.String(),
  event: Type.String(),
  at: IsoDateTime,
  outcome: Type.Union([Type.String(), Type.Null()]),
  agentEmail: Type.Union([Type.String(), Type.Null()]),
  customerPhone: Type.Union([Type.String(), Type.Null()]),
  transferId: Type.Union([Type.String(), Type.Null()]),
  taskId: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  detail: Type.Union([Type.String(), Type.Null()]),
  receivedAt: IsoDateTime,
});

export const UnmatchedCallEvents = Type.Object({ items: Type.Array(ReviewedCallEvent) });
