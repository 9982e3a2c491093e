import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Deps } from '../deps.ts';
import type { Firing } from '../jobs/timers.ts';
import { readOperationalGauges } from '../modules/health/gauges.ts';
import type { App } from './app-type.ts';

export type MetricsOptions = {
  /** When set, `/metrics` needs `Authorization: Bearer <token>`. */
  token?: string;
  /** Without a token, production answers 404: metrics name routes and volumes. */
  isProduction: boolean;
  /** Process metrics (memory, event loop lag, GC); off in tests, where many apps share a process. */
  collectProcessMetrics?: boolean;
};

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's metrics; `src/background.ts` reports timer firings to it. */
    metrics: AppMetrics;
  }
}

export type AppMetrics = ReturnType<typeof createMetrics>;

const prefix = 'escalation_desk_';

/** One registry per app (not prom-client's global one), so test apps never see each other's counts. */
function createMetrics(options: MetricsOptions) {
  const registry = new Registry();
  if (options.collectProcessMetrics) collectDefaultMetrics({ register: registry, prefix });
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = new Counter({
    name: `${prefix}http_requests_total`,
    help: 'HTTP requests answered, by route pattern',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: `${prefix}http_request_duration_seconds`,
    help: 'HTTP response time by route pattern',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const timerLag = new Histogram({
    name: `${prefix}timer_lag_seconds`,
    help: 'How late due timers fired in this process (fired at minus due at)',
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  const gauge = (name: string, help: string) =>
    new Gauge({ name: `${prefix}${name}`, help, registers: [registry] });
  const gauges = {
    outboxBacklog: gauge('outbox_backlog_messages', 'Outbound messages not sent or kept yet'),
    mailFailing: gauge('mail_failing_messages', 'Unsent messages whose last delivery attempt failed'),
    openTransfers: gauge('open_transfers', 'Transfers waiting, answered or in conference'),
    promisesAtRisk: gauge('promises_at_risk', 'Contact promises alerted at risk, not kept or broken yet'),
    oldestDueTimerSeconds: gauge(
      'oldest_due_timer_seconds',
      'Seconds since the most overdue pending timer fell due (0 when none)',
    ),
  };
  const databaseUp = gauge('database_up', '1 when the last scrape could read the database');
  return {
    registry,
    observeRequest(method: string, route: string, statusCode: number, seconds: number) {
      const labels = { method, route, status_code: String(statusCode) };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
    /** Called by the timer runner after each committed batch. */
    observeTimerFirings(firings: Firing[]) {
      for (const f of firings) timerLag.observe(Math.max(0, f.firedAt.getTime() - f.dueAt.getTime()) / 1000);
    },
    async refreshGauges(deps: Deps) {
      try {
        const values = await readOperationalGauges(deps.db);
        for (const [key, value] of Object.entries(values)) gauges[key as keyof typeof gauges].set(value);
        databaseUp.set(1);
      } catch {
        databaseUp.set(0);
      }
    },
  };
}

function isAuthorized(header: string | undefined, token: string): boolean {
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function sendProblem(reply: FastifyReply, status: 401 | 404, code: string, detail: string) {
  const title = status === 401 ? 'Unauthorized' : 'Not Found';
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type: `about:blank#${code}`, title, status, detail, code });
}

/**
 * Counts every answered request by its route pattern (`/api/tasks/:id`, never the raw URL, so the
 * label set stays small) and serves `GET /metrics` in Prometheus text form.
 */
export function registerMetrics(app: App, deps: Deps, options: MetricsOptions) {
  const metrics = createMetrics(options);
  app.decorate('metrics', metrics);
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (options.token) {
      if (!isAuthorized(request.headers.authorization, options.token)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        return sendProblem(reply, 401, 'unauthenticated', 'metrics need Authorization: Bearer METRICS_TOKEN');
      }
    } else if (options.isProduction) {
      return sendProblem(reply, 404, 'not_found', 'metrics are off: set METRICS_TOKEN to serve them');
    }
    await metrics.refreshGauges(deps);
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
