import { Temporal } from 'temporal-polyfill';
import { AppError } from '../../lib/errors.ts';
import { assertPlainDate, type DeskRules } from './availability.ts';

const dayMs = 86_400_000;

/** The days an availability answer covers: from `from` to the horizon's last date in `tz`. */
export type AvailabilitySpan = {
  days: number;
  /** The last date (in `tz`) on which a window may start within the site's booking horizon. */
  lastBookableDate: string;
  /** Whether the days asked for went past the horizon and were cut to it. */
  isClipped: boolean;
};

/**
 * How many dates from `from` an availability answer covers: `days` when asked (cut at the site's
 * booking horizon), else every date up to the horizon. A `from` after the horizon is refused (422)
 * with the last bookable date, so the caller learns why nothing can be offered.
 */
export function spanToHorizon(
  rules: Pick<DeskRules, 'horizonDays'>,
  now: Date,
  query: { from: string; days?: number; tz: string },
): AvailabilitySpan {
  const first = assertPlainDate(query.from);
  const horizonEndMs = now.getTime() + rules.horizonDays * dayMs;
  const lastBookable = Temporal.Instant.fromEpochMilliseconds(horizonEndMs - 1)
    .toZonedDateTimeISO(query.tz)
    .toPlainDate();
  const lastBookableDate = lastBookable.toString();
  const toHorizon = first.until(lastBookable, { largestUnit: 'days' }).days + 1;
  if (toHorizon < 1) {
    throw new AppError(
      'unprocessable',
      `from: ${query.from} is beyond the site's booking horizon of ${rules.horizonDays} days (last bookable date ${lastBookableDate})`,
      { reason: 'beyond_horizon', horizonDays: rules.horizonDays, lastBookableDate },
    );
  }
  const asked = query.days ?? toHorizon;
  return { days: Math.min(asked, toHorizon), lastBookableDate, isClipped: asked > toHorizon };
}
