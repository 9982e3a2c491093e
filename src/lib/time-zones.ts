/**
 * Whether `name` is an IANA time zone (`America/New_York`, `UTC`). Offsets such as `+05:00`, which
 * newer runtimes also accept, are refused: a site's local time must follow its daylight-saving rules.
 */
export function isIanaTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
