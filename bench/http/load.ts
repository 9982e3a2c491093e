// Load: a concurrency runner with latency percentiles, and an autocannon wrapper.
import autocannon from 'autocannon';
import { cannonSeconds } from './settings.ts';

export type Load = { perSecond: number; p50: number; p99: number; failures: number };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** Runs `count` operations, `clients` at a time; throughput and latency percentiles in ms. */
export async function runConcurrent(
  count: number,
  clients: number,
  operation: (i: number) => Promise<boolean>,
): Promise<Load> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const i = next++;
        const begun = performance.now();
        if (!(await operation(i))) failures++;
        latencies.push(performance.now() - begun);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: count / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    failures,
  };
}

export function combine(loads: Load[]): Load {
  const mean = (pick: (load: Load) => number) =>
    loads.reduce((sum, load) => sum + pick(load), 0) / loads.length;
  return {
    perSecond: mean((l) => l.perSecond),
    p50: mean((l) => l.p50),
    p99: Math.max(...loads.map((l) => l.p99)),
    failures: loads.reduce((sum, l) => sum + l.failures, 0),
  };
}

export function describe(load: Load, unit = 'bookings/s'): string {
  const failed = load.failures ? `, ${load.failures} FAILED` : '';
  return `${load.perSecond.toFixed(1)} ${unit}, p50 ${load.p50.toFixed(1)} ms, p99 ${load.p99.toFixed(1)} ms${failed}`;
}

/** autocannon against one URL; requests per second and p99 latency. */
export async function cannon(url: string, connections: number, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections, duration: cannonSeconds, headers });
  const failed = result.non2xx + result.errors + result.timeouts;
  return { perSecond: result.requests.average, p99: result.latency.p99, failed };
}
