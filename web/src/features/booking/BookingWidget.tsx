import { useMemo, useState } from 'react';
import { describeError } from '../../api/client';
import { ErrorState, Loading } from '../../shared/components/states';
import {
  formatDateTime,
  formatDay,
  formatShortDay,
  formatWindow,
  todayIn,
  zoneName,
} from '../../shared/time';
import {
  alternativesOffered,
  type Booked,
  isQuietHoursRefusal,
  type Window,
  useAvailability,
  useBook,
} from './api';

/**
 * Books a callback on the site's desk calendar: a date first, then a window, shown in the
 * customer's time zone (the site's beside it), every date up to the site's booking horizon, none
 * inside the customer's quiet hours. A full (or refused) window brings back the nearest open ones.
 */
export function BookingWidget({
  site,
  siteZone,
  escalationId,
  customerZone,
  onBooked,
}: {
  site: string;
  siteZone: string;
  escalationId: string;
  customerZone: string;
  onBooked: (booked: Booked) => void;
}) {
  const from = useMemo(() => todayIn(customerZone), [customerZone]);
  const availability = useAvailability(site, from, undefined, customerZone);
  const [date, setDate] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Window | null>(null);
  const [alternatives, setAlternatives] = useState<{ windows: Window[]; isQuietHours: boolean } | null>(null);
  const book = useBook(site);

  if (availability.isPending) return <Loading label="Loading open windows…" />;
  if (availability.error || !availability.data)
    return <ErrorState error={availability.error} onRetry={() => availability.refetch()} />;
  const { days, horizonDays, lastBookableDate, quietHours } = availability.data;
  const openDays = days.filter((d) => d.windows.some((w) => w.remaining > 0));
  const day = days.find((d) => d.date === (date ?? openDays[0]?.date));

  const submit = (window: Window) => {
    setAlternatives(null);
    book.mutate(
      { escalationId, start: window.start, customerTimeZone: customerZone },
      {
        onSuccess: onBooked,
        onError: (error) => {
          const offered = alternativesOffered(error);
          if (offered) {
            setAlternatives({ windows: offered, isQuietHours: isQuietHoursRefusal(error) });
            setChosen(null);
          }
        },
      },
    );
  };

  return (
    <section className="card booking" aria-labelledby="booking-title">
      <h2 id="booking-title">Book a callback</h2>
      <p className="muted">
        Times in the customer’s time zone ({zoneName(customerZone)}); the desk works in {zoneName(siteZone)}.
        Bookable up to {formatDay(lastBookableDate)} (this site books {horizonDays} days ahead); no windows in
        the customer’s quiet hours ({quietHours.start}–{quietHours.end} their time).
      </p>
      {openDays.length === 0 ? (
        <p className="callout warning">No open windows in the next {horizonDays} days.</p>
      ) : (
        <>
          <fieldset>
            <legend>1. Date</legend>
            <div className="day-strip">
              {days.map((d) => {
                const open = d.windows.filter((w) => w.remaining > 0).length;
                return (
                  <button
                    key={d.date}
                    type="button"
                    className={day?.date === d.date ? 'day active' : 'day'}
                    aria-pressed={day?.date === d.date}
                    disabled={open === 0}
                    onClick={() => {
                      setDate(d.date);
                      setChosen(null);
                    }}
                  >
                    <span>{formatShortDay(d.date)}</span>
                    <span className="small">{open === 0 ? 'full' : `${open} open`}</span>
                  </button>
                );
              })}
            </div>
          </fieldset>
          {day && (
            <fieldset>
              <legend>2. Time on {formatDay(day.date)}</legend>
              <div className="window-grid" role="radiogroup" aria-label="Callback windows">
                {day.windows.map((w) => (
                  <label key={w.start} className={w.remaining > 0 ? 'window' : 'window full'}>
                    <input
                      type="radio"
                      name="window"
                      disabled={w.remaining <= 0}
                      checked={chosen?.start === w.start}
                      onChange={() => setChosen(w)}
                    />
                    <span>{formatWindow(w.start, w.end, customerZone)}</span>
                    <span className="small muted">
                      {w.remaining > 0 ? `${w.remaining} left` : 'full'} · desk{' '}
                      {formatWindow(w.start, w.end, siteZone)}
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          )}
        </>
      )}
      {alternatives && (
        <div className="callout warning" role="alert">
          <strong>
            {alternatives.isQuietHours
              ? 'That time is inside the customer’s quiet hours.'
              : 'That window has just filled.'}
          </strong>{' '}
          The nearest open windows:
          <ul className="plain-list">
            {alternatives.windows.map((w) => (
              <li key={w.start}>
                <button type="button" className="button small" onClick={() => submit(w)}>
                  Book {formatDateTime(w.start, customerZone)}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {book.error && !alternatives && (
        <p className="form-error" role="alert">
          {describeError(book.error)}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button primary"
          disabled={!chosen || book.isPending}
          onClick={() => chosen && submit(chosen)}
        >
          {book.isPending ? 'Booking…' : 'Book appointment'}
        </button>
      </div>
    </section>
  );
}
