import { useSyncExternalStore } from 'react';

// One ticker for the whole tab: every wait clock reads the same `now`, so clocks never drift
// apart and nothing counts seconds by itself.

let skewMs = 0;
const samples: number[] = [];

/**
 * Learns how far the server's clock is from ours from a response's `Date` header (1 s resolution:
 * the header is truncated, so we add half a second), keeping the median of recent samples.
 */
export function recordServerDate(header: string | null) {
  if (!header) return;
  const server = Date.parse(header);
  if (Number.isNaN(server)) return;
  samples.push(server + 500 - Date.now());
  if (samples.length > 9) samples.shift();
  const sorted = [...samples].sort((a, b) => a - b);
  skewMs = sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Milliseconds to add to the local clock to get the server's. */
export function serverSkewMs(): number {
  return skewMs;
}

let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The server's "now" in epoch ms, re-rendering once a second from the shared ticker. */
export function useServerNow(): number {
  const local = useSyncExternalStore(
    subscribe,
    () => now,
    () => now,
  );
  return local + skewMs;
}

/** Whole seconds since `since` by the server's clock (never negative). */
export function secondsSince(since: string | Date, serverNow: number): number {
  const start = typeof since === 'string' ? Date.parse(since) : since.getTime();
  return Math.max(0, Math.floor((serverNow - start) / 1000));
}
