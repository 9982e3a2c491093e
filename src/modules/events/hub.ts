import type { Db } from '../../db/client.ts';
import { isInAudience, type Listener } from './audience.ts';
import * as repo from './repo.ts';

export type EventHubOptions = {
  /** How far back `Last-Event-ID` replays (seconds) and how many events at most. */
  replayWindowSeconds?: number;
  replayLimit?: number;
};

type Connection = {
  listener: Listener;
  write: (frame: string) => void;
  /** While replaying missed events, live ones wait here so order holds and nothing is lost. */
  backlog: repo.EventRow[] | null;
  /** Ids already written, so replay and live delivery never send one twice. */
  sent: Set<number>;
};

const sentMemory = 2000;
/** Pause before loading events again after the database failed to answer. */
const retryDelayMs = 500;

/** One SSE frame: `id`, `event` (the type) and `data` (`{id, type, createdAt, data}` as JSON). */
export function formatFrame(event: repo.EventRow): string {
  const payload = { id: event.id, type: event.type, createdAt: event.created_at, data: event.data };
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(payload)}\n\n`;
}

function send(connection: Connection, event: repo.EventRow) {
  if (connection.sent.has(event.id)) return;
  connection.sent.add(event.id);
  if (connection.sent.size > sentMemory) {
    const oldest = connection.sent.values().next().value;
    if (oldest !== undefined) connection.sent.delete(oldest);
  }
  connection.write(formatFrame(event));
}

/**
 * The process's fan-out of live events to its SSE connections. Fed by one LISTEN per process
 * (`notify(id)` for each NOTIFY on `ed_events`); loads the new rows by id in one query per burst and
 * writes each to the connections whose person is in its audience. Tests create one and feed it.
 */
export function createEventHub(db: Db, options: EventHubOptions = {}) {
  const replayWindowSeconds = options.replayWindowSeconds ?? 24 * 3600;
  const replayLimit = options.replayLimit ?? 500;
  const connections = new Set<Connection>();
  const pending = new Set<number>();
  let highestId = 0;
  let flushing: Promise<void> | null = null;
  let needsCatchUp = false;
  let isClosed = false;

  function dispatch(events: repo.EventRow[]) {
    for (const event of events) {
      highestId = Math.max(highestId, event.id);
      for (const connection of connections) {
        if (!isInAudience(event, connection.listener)) continue;
        if (connection.backlog) connection.backlog.push(event);
        else send(connection, event);
      }
    }
  }

  async function flush() {
    while ((pending.size || needsCatchUp) && !isClosed) {
      let ids: number[] = [];
      try {
        if (needsCatchUp) {
          needsCatchUp = false;
          await catchUp();
        }
        ids = [...pending];
        pending.clear();
        if (ids.length) dispatch(await repo.findEventsByIds(db, ids));
      } catch (error) {
        // The events stay in the table: load them again (and catch up from the newest delivered)
        // once the database answers, instead of skipping what this load would have delivered.
        console.error(`event hub: ${error instanceof Error ? error.message : error}; retrying`);
        for (const id of ids) pending.add(id);
        needsCatchUp = true;
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      }
    }
    flushing = null;
  }

  /** Loads whatever arrived after the newest event seen (after a lost LISTEN connection). */
  async function catchUp() {
    if (!connections.size || highestId === 0) {
      // Nobody to tell, or nothing seen yet: start from now rather than replaying history.
      highestId = Math.max(highestId, await repo.findLatestEventId(db));
      return;
    }
    for (;;) {
      const events = await repo.findEventsAfter(db, highestId, 500);
      dispatch(events);
      if (events.length < 500) return;
    }
  }

  return {
    /** Called for each NOTIFY: the payload is the new event's id; an empty payload means "catch up". */
    notify(payload: string) {
      const id = Number(payload);
      if (payload && Number.isSafeInteger(id)) pending.add(id);
      else needsCatchUp = true;
      flushing ??= Promise.resolve().then(flush);
    },

    /** Resolves when every notified event has been written (tests use it; no sleeping). */
    async settle() {
      while (flushing) await flushing;
    },

    /**
     * Adds a connection. With `lastEventId` it first replays what the person missed (bounded by
     * the window and limit; `resync` is sent when more was missed than can be replayed).
     */
    async subscribe(listener: Listener, write: (frame: string) => void, lastEventId?: number) {
      const connection: Connection = {
        listener,
        write,
        backlog: lastEventId === undefined ? null : [],
        sent: new Set(),
      };
      connections.add(connection);
      if (lastEventId !== undefined) {
        let missed: repo.EventRow[];
        try {
          missed = await repo.findMissedEvents(db, listener, lastEventId, replayWindowSeconds, replayLimit);
        } catch (error) {
          // Nothing after `lastEventId` may reach this connection now: a live event sent ahead of
          // the missed ones would become the client's next Last-Event-ID and skip them for good.
          connections.delete(connection);
          throw error;
        }
        for (const event of missed) send(connection, event);
        if (missed.length >= replayLimit) {
          write(`event: resync\ndata: ${JSON.stringify({ reason: 'too many missed events' })}\n\n`);
        }
        const backlog = connection.backlog ?? [];
        connection.backlog = null;
        for (const event of backlog.sort((a, b) => a.id - b.id)) send(connection, event);
      }
      return () => {
        connections.delete(connection);
      };
    },

    get connectionCount() {
      return connections.size;
    },

    /** Ends every connection (the app is closing). */
    close() {
      isClosed = true;
      connections.clear();
    },
  };
}

export type EventHub = ReturnType<typeof createEventHub>;
