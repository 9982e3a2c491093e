/** "in_queue" → "In queue": codes shown as words. */
export function humanize(code: string): string {
  const text = code.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "callback.booked" → "Callback booked": a timeline note's kind in words. */
export function describeNoteKind(kind: string): string {
  return humanize(kind.replaceAll('.', '_'));
}

/** A callback team's kind in words: `bpo` → "outsourced (BPO)", `captive` → "in-house". */
export function describeTeamKind(kind: string): string {
  return kind === 'bpo' ? 'outsourced (BPO)' : kind === 'captive' ? 'in-house' : humanize(kind);
}
