import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/client';
import { Empty, QueryState } from '../../shared/components/states';
import {
  type NewWebhook,
  useAddWebhook,
  useRemoveWebhook,
  useReplayDelivery,
  useWebhookDeliveries,
  useWebhooks,
  type WebhookEndpoint,
} from './integrations-api';

type EventName = NewWebhook['events'][number];
// Every webhook event once: the schema's type refuses a missing or unknown one (the server's list
// is src/modules/events/types.ts; the generated types carry no values to iterate).
const eventChoices = {
  'job.note_added': true,
  'exception.opened': true,
  'exception.closed': true,
  'task.created': true,
  'task.updated': true,
  'appointment.booked': true,
  'appointment.rescheduled': true,
  'appointment.cancelled': true,
  'promise.broken': true,
} satisfies Record<EventName, true>;
const eventNames = Object.keys(eventChoices) as EventName[];

const when = (value: string | null | undefined) => (value ? new Date(value).toLocaleString() : '—');

function Deliveries({ endpoint }: { endpoint: WebhookEndpoint }) {
  const deliveries = useWebhookDeliveries(endpoint.id);
  const replay = useReplayDelivery(endpoint.id);
  return (
    <QueryState query={deliveries} label="Loading deliveries…">
      {(items) =>
        items.length === 0 ? (
          <Empty>Nothing sent to this endpoint yet.</Empty>
        ) : (
          <table className="table">
            <caption className="sr-only">Deliveries to {endpoint.url}</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last answer</th>
                <th scope="col">Last attempt</th>
                <th scope="col">Delivered</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td>
                    {d.eventType} <span className="muted">{d.recordKey}</span>
                  </td>
                  <td>
                    <span className="badge">{d.status}</span>
                    {d.replayOf && <span className="muted"> (replay)</span>}
                  </td>
                  <td>{d.attempts}</td>
                  <td>
                    {d.lastStatusCode ?? ''} {d.lastError ?? ''}
                    {d.lastDurationMs !== null && <span className="muted"> {d.lastDurationMs} ms</span>}
                  </td>
                  <td>{when(d.lastAttemptAt as string | null)}</td>
                  <td>{when(d.deliveredAt as string | null)}</td>
                  <td>
                    <button
                      type="button"
                      className="button"
                      disabled={replay.isPending}
                      onClick={() => replay.mutate(d.id)}
                    >
                      Replay
                      <span className="sr-only">
                        {' '}
                        {d.eventType} of {when(d.createdAt as string)}
                      </span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </QueryState>
  );
}

/** Webhook endpoints: add (the secret is shown once), remove, and each one's delivery log with replay. */
export function Webhooks() {
  const webhooks = useWebhooks();
  const add = useAddWebhook();
  const remove = useRemoveWebhook();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<EventName[]>([]);
  const [shownSecret, setShownSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { url: url.trim(), events },
      {
        onSuccess: (created) => {
          setShownSecret(created.secret);
          setUrl('');
          setEvents([]);
        },
      },
    );
  };

  return (
    <section className="card" aria-labelledby="admin-webhooks">
      <h2 id="admin-webhooks">Webhooks</h2>
      <p className="muted">
        Signed the Standard Webhooks way (<code>webhook-id</code>, <code>webhook-timestamp</code>,{' '}
        <code>webhook-signature</code>); retried with backoff for a day.
      </p>
      <QueryState query={webhooks} label="Loading webhooks…">
        {(items) =>
          items.length === 0 ? (
            <Empty>No webhook endpoints yet.</Empty>
          ) : (
            <ul className="plain-list">
              {items.map((endpoint) => (
                <li key={endpoint.id}>
                  <strong>{endpoint.url}</strong> <span className="muted">{endpoint.events.join(', ')}</span>
                  {!endpoint.isActive && <span className="badge"> paused</span>}{' '}
                  <button
                    type="button"
                    className="link-button"
                    aria-expanded={open === endpoint.id}
                    onClick={() => setOpen(open === endpoint.id ? null : endpoint.id)}
                  >
                    Deliveries<span className="sr-only"> to {endpoint.url}</span>
                  </button>{' '}
                  <button type="button" className="link-button" onClick={() => remove.mutate(endpoint.id)}>
                    Remove<span className="sr-only"> {endpoint.url}</span>
                  </button>
                  {open === endpoint.id && <Deliveries endpoint={endpoint} />}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      <form onSubmit={submit} className="stack" aria-labelledby="add-webhook">
        <h3 id="add-webhook">Add an endpoint</h3>
        <label className="field">
          <span>URL</span>
          <input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} />
        </label>
        <fieldset>
          <legend>Events</legend>
          {eventNames.map((name) => (
            <label key={name} className="check">
              <input
                type="checkbox"
                checked={events.includes(name)}
                onChange={(e) =>
                  setEvents(e.target.checked ? [...events, name] : events.filter((n) => n !== name))
                }
              />{' '}
              {name}
            </label>
          ))}
        </fieldset>
        {add.error && (
          <p className="form-error" role="alert">
            {describeError(add.error)}
          </p>
        )}
        <button type="submit" className="button primary" disabled={add.isPending || events.length === 0}>
          Add endpoint
        </button>
      </form>
      {shownSecret && (
        <p role="status">
          Signing secret (shown once; copy it to the receiver now): <code>{shownSecret}</code>
        </p>
      )}
    </section>
  );
}
