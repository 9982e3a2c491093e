import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { eventTypes } from '../api/event-types';
import { keys } from '../api/keys';

// One EventSource per tab. Each event names what changed; we invalidate just those cache entries.
// Our own echoes and stale versions are skipped, and after a reconnect every active query is
// refetched, since events may have been missed while we were away.

export type LiveEvent = { id?: string; type: string; data: Record<string, unknown> };
export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/** Event names the server sends on `event:` lines, generated from the server's own list. */
export const knownEventTypes: readonly string[] = eventTypes;

/** The cache entries an event makes stale, by the event type's family (`transfer.answered` → transfer). */
export function keysForEvent(event: LiveEvent): QueryKey[] {
  const family = event.type.split('.')[0];
  const d = event.data;
  switch (family) {
    case 'transfer':
    case 'presence':
      return [
        keys.desk.all(),
        typeof d.transferId === 'string' ? keys.transfers.detail(d.transferId) : keys.transfers.all(),
        keys.escalations.all(),
        // Each step notates the job: the research panel's timeline follows.
        ...(family === 'presence' ? [keys.me()] : [keys.jobs.all()]),
      ];
    case 'callback_permission':
      return [keys.permissions.all(), keys.escalations.all(), keys.jobs.all()];
    case 'task':
      return [keys.tasks.all(), keys.customers.all()];
    case 'callback':
      // Promise clocks, attempts and system moves: the task, its customer and the job's timeline.
      return [keys.tasks.all(), keys.customers.all(), keys.jobs.all()];
    case 'site':
    case 'catalog':
      return [[]];
    case 'availability':
      // A place in a window was taken or freed: open booking widgets refetch their windows.
      return [keys.availability.all()];
    case 'appointment':
      return [keys.availability.all(), keys.tasks.all(), keys.customers.all(), keys.jobs.all()];
    case 'escalation':
      return [keys.escalations.all(), keys.jobs.all()];
    case 'outage':
      return [keys.outages.active()];
    case 'notification':
      // A kept alert arrived or was read (here or in another tab): the bell and the centre.
      return [keys.notifications.all()];
    default:
      // An event we have no map for: refresh what is on screen rather than show stale state.
      return [[]];
  }
}

/** Highest version seen per task, so an update that arrives late never triggers a stale refetch. */
const versions = new Map<string, number>();

/**
 * An event about a task we already hold at that version or newer: our own echo (our mutation's
 * answer put it in the cache) or a late duplicate. Either way there is nothing to fetch.
 */
function isEchoOrStale(client: QueryClient, event: LiveEvent): boolean {
  const id = event.data.taskId;
  const version = event.data.version;
  if (typeof id !== 'string' || typeof version !== 'number') return false;
  const seen = versions.get(id) ?? 0;
  const cached = client.getQueryData<{ version?: number }>(keys.tasks.detail(id))?.version ?? 0;
  versions.set(id, Math.max(seen, version));
  return version <= Math.max(seen, cached);
}

/** Applies one event to the cache; returns false when it was skipped (echo or stale). */
export function applyEvent(client: QueryClient, event: LiveEvent): boolean {
  if (isEchoOrStale(client, event)) return false;
  for (const queryKey of keysForEvent(event)) {
    void client.invalidateQueries({ queryKey, refetchType: 'active' });
  }
  window.dispatchEvent(new CustomEvent('escalation-desk:event', { detail: event }));
  return true;
}

/**
 * Opens the tab's EventSource on `/api/events`. The browser reconnects by itself (sending
 * Last-Event-ID); on every reconnect we refetch all active queries to cover any gap.
 */
export function connectLive(client: QueryClient, onStatus: (status: LiveStatus) => void): () => void {
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
    // Either `event: <type>` with the data, or an unnamed message carrying `{type, data}`.
    const eventType = type === 'message' && typeof data.type === 'string' ? data.type : type;
    const payload =
      data.data && typeof data.data === 'object' ? (data.data as Record<string, unknown>) : data;
    if (eventType === 'resync') {
      // More was missed than the server can replay: refetch everything on screen.
      void client.invalidateQueries({ refetchType: 'active' });
      return;
    }
    applyEvent(client, { id: message.lastEventId, type: eventType, data: payload });
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
    for (const type of [...knownEventTypes, 'resync']) {
      source.addEventListener(type, (m) => handle(m as MessageEvent, type));
    }
    source.onerror = () => {
      onStatus('reconnecting');
      // The browser retries by itself unless the server refused outright (then we do, slowly).
      if (source?.readyState === EventSource.CLOSED) {
        source = null;
        retry = setTimeout(open, 5000);
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
