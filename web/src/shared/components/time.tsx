import { formatClock, formatDateTime, formatDuration } from '../time';
import { secondsSince, useServerNow } from '../ticker';

/** An instant shown in a named zone, with the zone's label; the full form on hover. */
export function Time({ value, zone, withDate = true }: { value: string; zone: string; withDate?: boolean }) {
  const text = withDate ? formatDateTime(value, zone) : formatClock(value, zone);
  return (
    <time dateTime={value} title={`${formatDateTime(value, zone)} (${zone})`}>
      {text}
    </time>
  );
}

/** A live clock of time elapsed since `since`, from the shared ticker and the server's clock. */
export function WaitClock({ since, label = 'Waiting' }: { since: string; label?: string }) {
  const seconds = secondsSince(since, useServerNow());
  return (
    <span className="wait-clock" role="timer" aria-label={`${label} ${formatDuration(seconds)}`}>
      {formatDuration(seconds)}
    </span>
  );
}
