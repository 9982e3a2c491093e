// Sizes and settings of the http benchmark, read from the environment (see bench/http.ts).
const isQuick = process.env.BENCH_QUICK === '1';
export const concurrency = 8;
export const perPhase = Number(process.env.BENCH_HTTP_BOOKINGS ?? (isQuick ? 120 : 400));
export const pgliteBookings = Number(process.env.BENCH_HTTP_PGLITE_BOOKINGS ?? (isQuick ? 60 : 200));
export const cannonSeconds = Number(process.env.BENCH_HTTP_SECONDS ?? (isQuick ? 3 : 10));
export const taskCount = Number(process.env.BENCH_HTTP_TASKS ?? 200_000);
/** The young-generation cap (MB per semi-space) of the server the RSS comparison spawns. */
export const semiSpaceMb = Number(process.env.BENCH_HTTP_SEMI_SPACE_MB ?? 4);
