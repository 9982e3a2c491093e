// A small Server-Sent Events client for tests: real HTTP on loopback, frames parsed as they arrive.

export type StreamEvent = {
  id: number;
  type: string;
  data: { id: number; type: string; data: Record<string, unknown> };
};

/** Signs in over HTTP and returns the session cookie. */
export async function signInOverHttp(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo' }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in of ${email} at ${baseUrl} failed: ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Calls the JSON API over HTTP. */
export async function callOverHttp(
  baseUrl: string,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read bodies loosely and assert on them
  const json: any = text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text;
  return { status: response.status, body: json };
}

/** Opens `GET /api/events`; `next(predicate)` waits (bounded) for a matching event. */
export async function openEventStream(baseUrl: string, cookie: string, lastEventId?: number) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/events`, {
    headers: {
      cookie,
      accept: 'text/event-stream',
      ...(lastEventId ? { 'last-event-id': String(lastEventId) } : {}),
    },
    signal: controller.signal,
  });
  const events: StreamEvent[] = [];
  const waiters = new Set<() => void>();
  let isConnected = false;
  const connected =
    response.status === 200
      ? new Promise<void>((resolve) => waiters.add(() => isConnected && resolve()))
      : Promise.resolve();
  void (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          if (frame.includes(': connected')) isConnected = true;
          const fields = Object.fromEntries(
            frame
              .split('\n')
              .filter((line) => line && !line.startsWith(':'))
              .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
          );
          if (fields.event && fields.data && fields.id) {
            events.push({ id: Number(fields.id), type: fields.event, data: JSON.parse(fields.data) });
          }
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  await connected;
  return {
    status: response.status,
    events,
    async next(predicate: (event: StreamEvent) => boolean, timeoutMs = 10_000): Promise<StreamEvent> {
      const found = events.find(predicate);
      if (found) return found;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no matching event within ${timeoutMs} ms; got ${events.map((e) => e.type).join(', ')}`,
            ),
          );
        }, timeoutMs);
        const check = () => {
          const match = events.find(predicate);
          if (!match) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(match);
        };
        waiters.add(check);
      });
    },
    close() {
      controller.abort();
    },
  };
}
