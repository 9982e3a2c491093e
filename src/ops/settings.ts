import type { Config } from '../config.ts';
import { ConfigError } from '../config.ts';

/** Settings for running the service (logs, metrics, shutdown), read beside `loadConfig`. */
export type OpsSettings = {
  /** pino level for the JSON logs on stdout (LOG_LEVEL, default info). */
  logLevel: string;
  /** Bearer token that `/metrics` requires (METRICS_TOKEN); production serves no metrics without one. */
  metricsToken: string | undefined;
  /** ALLOW_EMBEDDED_DATABASE=true: production may run on PGlite (a single small site, knowingly). */
  allowEmbeddedDatabase: boolean;
  /** How long a shutdown may take before the process exits anyway (SHUTDOWN_TIMEOUT_MS, default 10000). */
  shutdownTimeoutMs: number;
};

const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadOpsSettings(env: NodeJS.ProcessEnv = process.env): OpsSettings {
  const logLevel = env.LOG_LEVEL || 'info';
  if (!levels.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${levels.join(', ')}, got "${logLevel}"`);
  }
  const timeout = env.SHUTDOWN_TIMEOUT_MS ? Number(env.SHUTDOWN_TIMEOUT_MS) : 10_000;
  if (!Number.isInteger(timeout) || timeout <= 0) {
    throw new ConfigError(
      `SHUTDOWN_TIMEOUT_MS must be a positive whole number, got "${env.SHUTDOWN_TIMEOUT_MS}"`,
    );
  }
  const allow = env.ALLOW_EMBEDDED_DATABASE ?? '';
  if (!['', 'true', 'false'].includes(allow)) {
    throw new ConfigError(`ALLOW_EMBEDDED_DATABASE must be true or false, got "${allow}"`);
  }
  return {
    logLevel,
    metricsToken: env.METRICS_TOKEN || undefined,
    allowEmbeddedDatabase: allow === 'true',
    shutdownTimeoutMs: timeout,
  };
}

/**
 * What production refuses to start with, one sentence each (empty outside production). The embedded
 * database runs with fsync off and belongs to one process, so it must be chosen, never fallen into.
 */
export function findUnsafeProductionSettings(
  config: Config,
  settings: OpsSettings,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  if (!config.isProduction) return [];
  const problems: string[] = [];
  if (!env.APP_SECRET) problems.push('APP_SECRET must be set when NODE_ENV=production');
  if (!config.databaseUrl && !settings.allowEmbeddedDatabase) {
    problems.push(
      'NODE_ENV=production needs DATABASE_URL (PostgreSQL); to run on the embedded PGlite anyway set ALLOW_EMBEDDED_DATABASE=true',
    );
  }
  if (!env.PUBLIC_URL || !/^https:\/\//.test(env.PUBLIC_URL)) {
    problems.push('PUBLIC_URL must be the https:// address customers reach when NODE_ENV=production');
  }
  return problems;
}
