import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt is memory-hard and ships with node: N=2^15, r=8 uses 32 MiB per hash.
const params = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const keyLength = 32;

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, keyLength, params, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

// Checking a password for someone without one (unknown email, no password set) still derives a
// key, so the answer takes as long as for a real account and timing does not reveal who exists.
const decoySalt = randomBytes(16);

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const [scheme, , , , saltText, keyText] = (stored ?? '').split('$');
  if (scheme !== 'scrypt' || !saltText || !keyText) {
    await derive(password, decoySalt);
    return false;
  }
  const expected = Buffer.from(keyText, 'base64');
  const actual = await derive(password, Buffer.from(saltText, 'base64'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The shortest password a person may choose for themselves. */
export const minimumPasswordLength = 12;

/**
 * Why a new password is too weak, or null. Length is what resists guessing; the other rules only
 * catch passwords made of the person's own email or one repeated character.
 */
export function weakPasswordReason(password: string, email: string): string | null {
  if (password.length < minimumPasswordLength) {
    return `a password needs at least ${minimumPasswordLength} characters`;
  }
  if (new Set(password).size < 5) return 'a password needs at least 5 different characters';
  const lower = password.toLowerCase();
  const local = email.toLowerCase().split('@')[0] ?? '';
  if (lower.includes(email.toLowerCase()) || (local.length >= 4 && lower.includes(local))) {
    return 'a password must not contain your email address';
  }
  return null;
}
