// Server memory: VmRSS of a process, and its peak sampled while work runs.
import { readFileSync } from 'node:fs';
import type { Server } from './server.ts';

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** Samples the server's RSS every 200 ms while `work` runs; returns the work's result and the peak. */
export async function withPeakRss<T>(
  server: Server,
  work: () => Promise<T>,
): Promise<{ result: T; peakMb: number }> {
  let peakMb = server.rssMb();
  const sampler = setInterval(() => {
    peakMb = Math.max(peakMb, server.rssMb());
  }, 200);
  try {
    return { result: await work(), peakMb };
  } finally {
    clearInterval(sampler);
  }
}
