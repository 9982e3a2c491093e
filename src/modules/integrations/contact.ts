import { canonicalTimeZone } from '../../lib/time-zones.ts';

/**
 * A phone number in E.164 (`+15551234567`), or null when it cannot be one. Spaces, dots, dashes and
 * brackets are dropped; ten digits, or eleven starting with 1, are North American numbers (our
 * sites are in the US), anything else must arrive with its `+` country code. `00` is read as `+`.
 */
export function normalisePhone(raw: string): string | null {
  const text = raw.trim();
  if (!/^[+0-9(][0-9 ().\-/]*$/.test(text)) return null;
  let digits = text.replace(/[^0-9]/g, '');
  if (text.startsWith('+')) return isE164(`+${digits}`) ? `+${digits}` : null;
  if (digits.startsWith('00')) digits = digits.slice(2);
  else if (digits.length === 10) digits = `1${digits}`;
  else if (!(digits.length === 11 && digits.startsWith('1'))) return null;
  return isE164(`+${digits}`) ? `+${digits}` : null;
}

function isE164(phone: string): boolean {
  return /^\+[1-9][0-9]{7,14}$/.test(phone);
}

const emailPattern = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]+$/;

/** A customer's email, lower-cased, or null when it is not an address. */
export function normaliseEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return email.length <= 254 && emailPattern.test(email) ? email : null;
}

// Asking Intl about a zone costs ~0.3 ms; a nightly sync names the same few zones 100,000 times.
const knownZones = new Map<string, string | null>();

/** The canonical IANA zone, or null (offsets like `+05:00` are refused: they ignore daylight saving). */
export function normaliseTimeZone(raw: string): string | null {
  const name = raw.trim();
  let zone = knownZones.get(name);
  if (zone === undefined) {
    zone = canonicalTimeZone(name);
    if (knownZones.size < 10_000) knownZones.set(name, zone);
  }
  return zone;
}
