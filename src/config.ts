/** Environment parsed once at start-up; every problem becomes one clear message. */
export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  inboundSmtpPort: number;
  isProduction: boolean;
  /** Public base URL used in emails and calendar links. */
  publicUrl: string;
  /**
   * Secret used to sign customer manage links: APP_SECRET, or empty until `withSigningSecret`
   * (src/db/installation-secret.ts) fills it with the installation's own, kept in the database.
   */
  secret: string;
  executiveEscalationsAddress: string;
  mailFrom: string;
  /**
   * Which proxies' X-Forwarded-For / -Proto to believe (TRUST_PROXY): false (none), true (any),
   * or addresses and CIDR ranges. Sign-in throttling counts per client address, so
   * behind a proxy this must be set or every client shares the proxy's address.
   */
  trustProxy: boolean | string[];
  /** How often the timer runner polls when no NOTIFY woke it (TIMER_POLL_MS, default 1000). */
  timerPollMs: number;
  /** Webhook endpoints may be on loopback or private addresses (WEBHOOK_ALLOW_PRIVATE=true). */
  webhookAllowPrivate: boolean;
  /** How long a receiver may take to answer a delivery (WEBHOOK_TIMEOUT_MS, default 10000). */
  webhookTimeoutMs: number;
  /** Seconds without a heartbeat after which a desk member goes offline and an agent's waiting transfer is abandoned. */
  presenceTimeoutSeconds: number;
  /** Deliveries in flight at once per process (WEBHOOK_CONCURRENCY, default 8). */
  webhookConcurrency: number;
  /** Company sign-in (OpenID Connect); undefined when OIDC_ISSUER is not set. */
  oidc: OidcConfig | undefined;
};

export type OidcConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The ID token / userinfo claim whose values the SSO rules match (OIDC_ROLE_CLAIM, default `groups`). */
  roleClaim: string;
};

export class ConfigError extends Error {}

function readPort(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name} must be a port number between 0 and 65535, got "${value}"`);
  }
  return port;
}

function readPositive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) {
    throw new ConfigError(`${name} must be a positive whole number, got "${value}"`);
  }
  return number;
}

function readTrustProxy(value: string | undefined): boolean | string[] {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  const addresses = value.split(',').map((part) => part.trim());
  if (addresses.some((part) => !/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(part))) {
    throw new ConfigError(
      `TRUST_PROXY must be true, false or addresses/CIDR ranges separated by commas, got "${value}"`,
    );
  }
  return addresses;
}

function readOidc(env: NodeJS.ProcessEnv, isProduction: boolean): OidcConfig | undefined {
  const issuer = env.OIDC_ISSUER || undefined;
  if (!issuer) return undefined;
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new ConfigError(`OIDC_ISSUER must be a URL, got "${issuer}"`);
  }
  if (
    url.protocol !== 'https:' &&
    (isProduction || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
  ) {
    throw new ConfigError(
      'OIDC_ISSUER must be an https:// URL (plain http only on loopback, outside production)',
    );
  }
  const clientId = env.OIDC_CLIENT_ID || '';
  const clientSecret = env.OIDC_CLIENT_SECRET || '';
  if (!clientId || !clientSecret) {
    throw new ConfigError('OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set when OIDC_ISSUER is');
  }
  return { issuer, clientId, clientSecret, roleClaim: env.OIDC_ROLE_CLAIM || 'groups' };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = readPort('PORT', env.PORT, 3000);
  const host = env.HOST || '127.0.0.1';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) {
    throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  }
  const isProduction = env.NODE_ENV === 'production';
  const secret = env.APP_SECRET ?? '';
  // A production installation names its secret, so it can be rotated and shared deliberately.
  if (isProduction && !secret) throw new ConfigError('APP_SECRET must be set when NODE_ENV=production');
  if (secret && secret.length < 32) throw new ConfigError('APP_SECRET must be at least 32 characters long');
  return {
    port,
    host,
    dataDir: env.DATA_DIR || './data',
    databaseUrl,
    smtpUrl,
    inboundSmtpPort: readPort('INBOUND_SMTP_PORT', env.INBOUND_SMTP_PORT, 2525),
    isProduction,
    publicUrl: (env.PUBLIC_URL || `http://${host}:${port}`).replace(/\/$/, ''),
    secret,
    executiveEscalationsAddress: env.EXECUTIVE_ESCALATIONS_ADDRESS || 'executive-escalations@demo.test',
    mailFrom: env.MAIL_FROM || 'Escalation Desk <desk@demo.test>',
    trustProxy: readTrustProxy(env.TRUST_PROXY),
    timerPollMs: readPositive('TIMER_POLL_MS', env.TIMER_POLL_MS, 1000),
    webhookAllowPrivate: env.WEBHOOK_ALLOW_PRIVATE === 'true',
    webhookTimeoutMs: readPositive('WEBHOOK_TIMEOUT_MS', env.WEBHOOK_TIMEOUT_MS, 10_000),
    presenceTimeoutSeconds: readPositive('PRESENCE_TIMEOUT_SECONDS', env.PRESENCE_TIMEOUT_SECONDS, 90),
    webhookConcurrency: readPositive('WEBHOOK_CONCURRENCY', env.WEBHOOK_CONCURRENCY, 8),
    oidc: readOidc(env, isProduction),
  };
}
