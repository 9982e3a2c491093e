/**
 * The IANA time zone `name` refers to, in its canonical spelling (`utc` → `UTC`), or null when it
 * is not one. Offsets such as `+05:00`, which newer runtimes also accept, are refused: a site's local
 * time must follow its daylight-saving rules.
 */
export function canonicalTimeZone(name: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function isIanaTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== null;
}
