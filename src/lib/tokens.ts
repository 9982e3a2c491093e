import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret for cookies and API tokens; only its hash is stored. */
export function createSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

// An empty secret would sign links anyone can forge: refuse it loudly instead of signing.
function macOf(secret: string, body: string): Buffer {
  if (!secret) throw new Error('no signing secret: set APP_SECRET or load the installation secret first');
  return createHmac('sha256', secret).update(body).digest();
}

/** Signs a small JSON payload (purpose, subject, expiry) so links can be trusted without a lookup. */
export function signPayload(secret: string, payload: Record<string, unknown>): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${macOf(secret, body).toString('base64url')}`;
}

// Exactly two unpadded base64url parts; the MAC is a SHA-256 (32 bytes: 43 characters).
const signedShape = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;

/** True when decoding and encoding again gives the same text (no stray bits in the last character). */
function isCanonical(text: string): boolean {
  return Buffer.from(text, 'base64url').toString('base64url') === text;
}

/**
 * Returns the payload if the token is exactly `body.mac` in canonical base64url and the signature
 * holds, otherwise null: extra segments, padding or characters appended are refused, so one link
 * has one spelling. Expiry is the caller's rule.
 */
export function verifyPayload(secret: string, token: string): Record<string, unknown> | null {
  const match = signedShape.exec(token);
  if (!match) return null;
  const [, body, mac] = match as unknown as [string, string, string];
  if (!isCanonical(body) || !isCanonical(mac)) return null;
  const expected = macOf(secret, body);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
