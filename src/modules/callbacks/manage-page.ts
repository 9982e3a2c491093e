import { createHash } from 'node:crypto';
import type { ManagedAppointment } from './manage.ts';

// The customer's reschedule / cancel page: server-rendered HTML with plain forms and links, readable
// on a 390 px phone, no script. Choosing a time takes two steps (a day, then a time of that day),
// each a page of its own, so nothing is ever chosen for the customer.

const styles = `
  body{font-family:system-ui,-apple-system,sans-serif;margin:0 auto;padding:16px;max-width:480px;line-height:1.5;color:#1a1a1a}
  h1{font-size:1.4rem;margin:.5rem 0 1rem} h2{font-size:1.15rem;margin-top:1.5rem} h3{font-size:1rem;margin:1rem 0 .5rem}
  .card{border:1px solid #ccc;border-radius:8px;padding:12px 16px;margin:12px 0}
  .days{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(132px,1fr));gap:8px}
  .days a{display:flex;flex-direction:column;justify-content:center;min-height:56px;padding:6px 10px;border:1px solid #8a8a8a;border-radius:8px;color:#0b57d0;text-decoration:none;font-weight:600}
  .days a small{font-weight:400;color:#444}
  .days a[aria-current]{background:#0b57d0;color:#fff;border-color:#0b57d0} .days a[aria-current] small{color:#fff}
  fieldset{border:0;padding:0;margin:0} legend{font-weight:600;padding:0;margin-bottom:.5rem}
  .times{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:8px}
  .times label{display:flex;align-items:center;gap:8px;min-height:44px;padding:0 10px;border:1px solid #8a8a8a;border-radius:8px;cursor:pointer}
  .times input{width:20px;height:20px;margin:0}
  button,.button{display:flex;align-items:center;justify-content:center;box-sizing:border-box;font:inherit;font-weight:600;width:100%;min-height:44px;border-radius:6px;margin-top:12px;cursor:pointer;text-decoration:none}
  button{border:0}
  .primary{background:#0b57d0;color:#fff} .danger{background:#fff;color:#a50e0e;border:2px solid #a50e0e} .quiet{background:#fff;color:#1a1a1a;border:2px solid #5f6368}
  .notice{background:#e6f4ea;border-left:4px solid #137333;padding:8px 12px} .refusal{border-left:4px solid #a50e0e;padding:8px 12px;background:#fce8e6}
  a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
`;

/**
 * The Content-Security-Policy of the manage pages: no script at all, the one inline style block by
 * its hash, forms posted only back to us.
 */
export const managePagePolicy = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(styles).digest('base64')}'`,
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${styles}</style></head>
<body><main>${body}</main></body></html>`;
}

// Every site is in the US (phone numbers are read as US numbers too): without an Accept-Language
// the page writes times as people there do. TODO(issue 12): a site country column would pick this.
const siteLocale = 'en-US';

/** How the page writes dates and times: the customer's clock (12 or 24 hours) in English words. */
export type Reading = { locale: string; hourCycle: 'h12' | 'h23' };

/**
 * The reading of an Accept-Language header: its most preferred tag that names a known locale
 * decides 12- or 24-hour times; the words stay English (the page is written in English), in the
 * customer's English variant when they ask for one (en-GB writes "Tuesday 1 December").
 */
export function readingOf(acceptLanguage: string | undefined): Reading {
  const tags = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((t) => t.tag && t.tag !== '*' && t.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  const locale = tags.map((t) => canonicalLocale(t.tag)).find((l) => l !== undefined) ?? siteLocale;
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return {
    locale: locale.toLowerCase().startsWith('en') ? locale : siteLocale,
    hourCycle: cycle === 'h11' || cycle === 'h12' ? 'h12' : 'h23',
  };
}

function canonicalLocale(tag: string): string | undefined {
  if (tag.length > 35) return undefined;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag])[0];
  } catch {
    return undefined;
  }
}

/** The formatters of one page: dates, times and the zone's name, all in the customer's zone. */
function writerFor(zone: string, reading: Reading) {
  const { locale, hourCycle } = reading;
  const date = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    timeZone: zone,
  });
  // A 24-hour clock is written with two digits (09:00), a 12-hour one without (9:00 AM).
  const time = new Intl.DateTimeFormat(locale, {
    hour: hourCycle === 'h23' ? '2-digit' : 'numeric',
    minute: '2-digit',
    hourCycle,
    timeZone: zone,
  });
  const zoneName =
    new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'longGeneric' })
      .formatToParts(new Date(0))
      .find((part) => part.type === 'timeZoneName')?.value ?? zone;
  // A plain date (YYYY-MM-DD) names its day wherever the customer is: read at noon UTC.
  const day = (plain: string, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(`${plain}T12:00:00Z`));
  return {
    zoneName,
    date: (at: Date) => date.format(at),
    time: (at: Date) => time.format(at),
    window: (start: Date, end: Date) => `${time.format(start)} – ${time.format(end)}`,
    dayLong: (plain: string) => day(plain, { weekday: 'long', month: 'long', day: 'numeric' }),
    dayShort: (plain: string) => day(plain, { weekday: 'short', month: 'short', day: 'numeric' }),
  };
}

/** What the page is asked to show beyond the callback itself. */
export type PageState = {
  reading: Reading;
  /** The day chosen in step 1 (YYYY-MM-DD in the customer's zone). */
  date?: string;
  /** What was just done (after a redirect): `rescheduled`, `cancelled` or `rebooked`. */
  done?: string;
  /** A refusal, in words for the customer. */
  problem?: string;
  /** The first tap on cancel: ask before cancelling. */
  isConfirmingCancel?: boolean;
  /** The key a rebooking form carries, so that a double submit books once. */
  submission?: string;
};

const doneMessages: Record<string, string> = {
  rescheduled: 'Your callback has been moved. We have emailed you an updated invitation.',
  cancelled: 'Your callback is cancelled. We have emailed you a confirmation.',
  rebooked: 'Your new callback is booked. We have emailed you an invitation.',
};

const statusWords: Record<string, string> = {
  booked: 'booked',
  cancelled: 'cancelled',
  completed: 'done: we have spoken with you',
};

export function renderManagePage(view: ManagedAppointment, token: string, state: PageState): string {
  const write = writerFor(view.appointment.customerTimeZone, state.reading);
  const when = `${write.date(view.start)} between ${write.window(view.start, view.end)} (${write.zoneName})`;
  const home = `/manage/${encodeURIComponent(token)}`;
  const status = view.appointment.status;
  const notice =
    state.done && doneMessages[state.done]
      ? `<p class="notice" role="status">${escapeHtml(doneMessages[state.done])}</p>`
      : '';
  const refusal = state.problem ? `<p class="refusal" role="alert">${escapeHtml(state.problem)}</p>` : '';
  const card =
    status === 'booked'
      ? `<p><strong>${escapeHtml(write.date(view.start))}</strong><br>between ${escapeHtml(write.window(view.start, view.end))} (${escapeHtml(write.zoneName)})</p>`
      : `<p>Your callback on ${escapeHtml(when)} is <strong>${escapeHtml(statusWords[status] ?? status)}</strong>.</p>`;
  const head = `<h1>Your callback with the ${escapeHtml(view.desk)}</h1>${notice}${refusal}
<div class="card">${card}<p>Job ${escapeHtml(view.appointment.jobNumber)}</p></div>`;

  if (state.isConfirmingCancel && status === 'booked') {
    return layout(
      'Cancel your callback?',
      `<h1>Cancel your callback on ${escapeHtml(when)}?</h1>
<p>We will not call you then. You can book a new time afterwards.</p>
<form method="post" action="${home}/cancel"><input type="hidden" name="confirm" value="yes">
<button class="danger" type="submit">Yes, cancel</button></form>
<a class="button quiet" href="${home}">Keep it</a>`,
    );
  }
  let body = head;
  if (status === 'booked') {
    body += `<h2>Move to another time</h2>${chooseTime(view, state, write, home, 'reschedule', 'Move my callback to this time')}
<h2>No longer need the call?</h2>
<a class="button danger" href="${home}?step=cancel">Cancel my callback</a>`;
  } else if (status === 'cancelled' && view.rebooked) {
    const next = view.rebooked;
    body += `<h2>Your new callback</h2><p>${escapeHtml(write.date(next.start))} between ${escapeHtml(write.window(next.start, next.end))} (${escapeHtml(write.zoneName)}).</p>
<a class="button primary" href="${escapeHtml(next.managePath)}">See or change your new callback</a>`;
  } else if (status === 'cancelled') {
    body += `<h2>Book a new time</h2>${chooseTime(view, state, write, home, 'rebook', 'Book this time')}`;
  }
  return layout('Your callback', body);
}

type Writer = ReturnType<typeof writerFor>;

/** Step 1, the days with open windows; step 2, once a day is chosen, its windows and a confirm. */
function chooseTime(
  view: ManagedAppointment,
  state: PageState,
  write: Writer,
  home: string,
  action: 'reschedule' | 'rebook',
  confirm: string,
): string {
  if (view.days.length === 0) {
    return '<p>There are no open times before our booking limit. Please call us to arrange one.</p>';
  }
  const until = view.lastBookableDate ? ` (up to ${escapeHtml(write.dayLong(view.lastBookableDate))})` : '';
  const days = view.days
    .map((day) => {
      const count = day.windows.length;
      const current = day.date === state.date ? ' aria-current="true"' : '';
      return `<li><a href="${home}?date=${day.date}#times"${current}>${escapeHtml(write.dayShort(day.date))}<small>${count} ${count === 1 ? 'time' : 'times'}</small></a></li>`;
    })
    .join('');
  const stepOne = `<h3>1. Choose a day${until}</h3><nav aria-label="Days with open times"><ul class="days">${days}</ul></nav>`;
  const chosen = view.days.find((day) => day.date === state.date);
  if (!chosen) {
    const gone = state.date
      ? `<p>There are no open times left on ${escapeHtml(write.dayLong(state.date))}. Please choose another day.</p>`
      : '';
    return `${stepOne}${gone}`;
  }
  const times = chosen.windows
    .map((w, i) => {
      const start = new Date(w.start);
      const label = write.window(start, new Date(w.end));
      return `<label for="time-${i}"><input type="radio" id="time-${i}" name="start" value="${escapeHtml(w.start)}" required>${escapeHtml(label)}</label>`;
    })
    .join('');
  const key = state.submission
    ? `<input type="hidden" name="submission" value="${escapeHtml(state.submission)}">`
    : '';
  return `${stepOne}
<h3 id="times">2. Choose a time on ${escapeHtml(write.dayLong(chosen.date))}</h3>
<form method="post" action="${home}/${action}">${key}
<fieldset><legend>Times in ${escapeHtml(write.zoneName)}</legend><div class="times">${times}</div></fieldset>
<button class="primary" type="submit">${escapeHtml(confirm)}</button></form>`;
}

export function renderRefusalPage(reason: 'invalid' | 'expired' | 'missing'): string {
  const text = {
    invalid: 'This link is not valid. It may have been copied incompletely or altered.',
    expired: 'This link has expired. Please call us if you would like to arrange a callback.',
    missing: 'We could not find this callback. Please call us if you would like to arrange one.',
  }[reason];
  return layout(
    'Link not valid',
    `<h1>We cannot open this callback</h1><p class="refusal" role="alert">${escapeHtml(text)}</p>`,
  );
}

/** A refusal of a change, in words for the customer (the services' messages are for staff). */
export function describeRefusal(code: string, details: Record<string, unknown> | undefined): string {
  if (code === 'window_full') return 'Sorry, that time has just been taken. Please choose another time.';
  if (details?.reason === 'quiet_hours') {
    return 'We do not call at that time of day (your quiet hours). Please choose another time.';
  }
  if (code === 'invalid_transition') return 'This callback can no longer be changed.';
  if (code === 'conflict' && details && 'appointmentId' in details) {
    return 'You already have a callback booked.';
  }
  if (code === 'conflict') return 'Your callback is already at that time. Please choose another time.';
  if (code === 'permission_required' || details?.reason === 'no_booker') {
    return 'We cannot book a new callback from this link. Please call us to arrange one.';
  }
  if (code === 'validation_failed' && !details?.alternatives) return 'Please choose a time first.';
  return 'That time can no longer be booked. Please choose another time.';
}
