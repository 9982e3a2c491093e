import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { keys } from '../api/keys';

// One EventSource per tab. Each event names what changed; we invalidate (or patch) just those
// cache entries. Our own echoes are skipped, stale versions dropped, and after a reconnect every
// active query is refetched, since events may have been missed while we were away.

export type LiveEvent = { id?: string; type: string; data: Record<string, unknown> };
export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/** Writes this tab made recently, by resource id: their echoes need no refetch. */
const ownWrites = new Map<string, number>();

/** Marks a resource as just written by this tab, so its echo event is ignored for a few seconds. */
export function noteOwnWrite(resourceId: string) {
  ownWrites.set(resourceId, Date.now());
}

function isOwnEcho(event: LiveEvent, myId: string | undefined): boolean {
  const actor = event.data.actorId ?? event.data.byUserId;
  const resource = String(event.data.id ?? event.data.taskId ?? '');
  if (!myId || actor !== myId || !resource) return false;
  const at = ownWrites.get(resource);
  return at !== undefined && Date.now() - at < 5000;
}

/** Highest version seen per resource, so an update that arrives late never overwrites a newer one. */
const versions = new Map<string, number>();
function isStale(event: LiveEvent): boolean {
  const id = event.data.id ?? event.data.taskId;
  const stamp = event.data.version ?? event.data.updatedAt;
  if (id === undefined || stamp === undefined) return false;
  const value = typeof stamp === 'number' ? stamp : Date.parse(String(stamp));
  if (Number.isNaN(value)) return false;
  const key = `${event.type.split('.')[0]}:${String(id)}`;
  const seen = versions.get(key);
  if (seen !== undefined && value < seen) return true;
  versions.set(key, value);
  return false;
}

/** Event names the server sends with `event:` lines (unnamed ones arrive as `message`). */
export const knownEventTypes: string[] = [];

/** The cache entries an event makes stale, by the event type's family. */
export function keysForEvent(event: LiveEvent): QueryKey[] {
  const family = event.type.split(/[._:]/)[0];
  const d = event.data;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  switch (family) {
    case 'transfer':
    case 'desk':
    case 'presence':
    case 'queue':
      return [keys.desk.all(), keys.transfers.all(), keys.escalations.all(), keys.me()];
    case 'permission':
    case 'callback':
    case 'callbackPermission':
      return [keys.permissions.all(), keys.escalations.all()];
    case 'task':
    case 'attempt':
    case 'promise':
      return [keys.tasks.all(), keys.customers.all()];
    case 'appointment':
    case 'booking':
      return [keys.availability.all(), keys.tasks.all(), keys.customers.all(), keys.jobs.all()];
    case 'escalation':
      return [keys.escalations.all(), ...(str(d.jobNumber) ? [keys.jobs.detail(str(d.jobNumber)!)] : [])];
    case 'job':
    case 'note':
    case 'exception':
      return [keys.jobs.all(), keys.customers.all(), keys.tasks.all()];
    case 'outage':
      return [keys.outages.active()];
    case 'mail':
      return [keys.admin.mailbox()];
    default:
      // An event we have no map for: refresh what is on screen rather than show stale state.
      return [[]];
  }
}

/** Applies one event to the cache; returns false when it was skipped (echo or stale). */
export function applyEvent(client: QueryClient, event: LiveEvent, myId: string | undefined): boolean {
  if (isOwnEcho(event, myId) || isStale(event)) return false;
  for (const queryKey of keysForEvent(event)) {
    void client.invalidateQueries({ queryKey, refetchType: 'active' });
  }
  return true;
}

/**
 * Opens the tab's EventSource on `/api/events`. The browser reconnects by itself (sending
 * Last-Event-ID); on every reconnect we refetch all active queries to cover any gap.
 */
export function connectLive(
  client: QueryClient,
  myId: string,
  onStatus: (status: LiveStatus) => void,
): () => void {
  let source: EventSource | null = null;
  let hasOpened = false;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const handle = (message: MessageEvent, type: string) => {
    let data: Record<string, unknown> = {};
    try {
      data = message.data ? JSON.parse(message.data) : {};
    } catch {
      return;
    }
    const eventType = type === 'message' && typeof data.type === 'string' ? data.type : type;
    const payload = type === 'message' && data.data && typeof data.data === 'object' ? data.data : data;
    if (eventType === 'ping' || eventType === 'hello' || eventType === 'keepalive') return;
    applyEvent(
      client,
      { id: message.lastEventId, type: eventType, data: payload as Record<string, unknown> },
      myId,
    );
  };

  const open = () => {
    if (closed) return;
    source = new EventSource('/api/events', { withCredentials: true });
    source.onopen = () => {
      onStatus('live');
      if (hasOpened) void client.invalidateQueries({ refetchType: 'active' });
      hasOpened = true;
    };
    source.onmessage = (m) => handle(m, 'message');
    // Named events (`event: task.updated`) do not reach onmessage: listen for each known type.
    for (const type of knownEventTypes) source.addEventListener(type, (m) => handle(m as MessageEvent, type));
    source.onerror = () => {
      onStatus('reconnecting');
      if (source?.readyState === EventSource.CLOSED) {
        source = null;
        retry = setTimeout(open, 3000);
      }
    };
  };
  onStatus('connecting');
  open();
  return () => {
    closed = true;
    if (retry) clearTimeout(retry);
    source?.close();
  };
}
