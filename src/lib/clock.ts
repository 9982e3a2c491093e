/** Time is a dependency: domain code asks the clock, tests drive it. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand. */
export function createFakeClock(start: Date | string = '2026-11-26T15:00:00Z') {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set(to: Date | string) {
      current = new Date(to).getTime();
    },
    advance(ms: number) {
      current += ms;
    },
  };
}
export type FakeClock = ReturnType<typeof createFakeClock>;
