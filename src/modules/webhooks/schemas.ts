import { Type } from 'typebox';
import { IsoDateTime, Uuid } from '../../http/schemas.ts';
import { webhookEventTypes } from '../events/types.ts';

const EventName = Type.Union(webhookEventTypes.map((name) => Type.Literal(name)));
const Url = Type.String({ minLength: 1, maxLength: 2000, description: 'http or https URL of the receiver' });
const Secret = Type.String({
  minLength: 10,
  maxLength: 200,
  description: 'Standard Webhooks secret, `whsec_` + base64; generated when not given',
});
const Events = Type.Array(EventName, { minItems: 1, maxItems: webhookEventTypes.length });

export const CreateWebhookBody = Type.Object(
  { url: Url, events: Events, secret: Type.Optional(Secret) },
  { additionalProperties: false },
);

export const UpdateWebhookBody = Type.Object(
  {
    url: Type.Optional(Url),
    events: Type.Optional(Events),
    secret: Type.Optional(Secret),
    isActive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

const endpointFields = {
  id: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  isActive: Type.Boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
};

export const Webhook = Type.Object(endpointFields);
/** The answer to a create: the only time the secret is shown. */
export const CreatedWebhook = Type.Object({ ...endpointFields, secret: Type.String() });
export const Webhooks = Type.Object({ items: Type.Array(Webhook) });

const NullableTime = Type.Union([IsoDateTime, Type.Null()]);

export const WebhookDelivery = Type.Object({
  id: Type.String(),
  endpointId: Type.String(),
  messageId: Type.String({ description: 'the webhook-id header' }),
  eventType: Type.String(),
  recordKey: Type.String(),
  payload: Type.Unknown(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  nextAttemptAt: NullableTime,
  lastStatusCode: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  lastAttemptAt: NullableTime,
  lastDurationMs: Type.Union([Type.Integer(), Type.Null()]),
  deliveredAt: NullableTime,
  replayOf: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoDateTime,
});

export const WebhookDeliveries = Type.Object({
  items: Type.Array(WebhookDelivery),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const DeliveriesQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,19}$' })),
  },
  { additionalProperties: false },
);

export const DeliveryParams = Type.Object({ id: Uuid, deliveryId: Uuid });
