import { createHash } from 'node:crypto';
import type { describeManagedAppointment } from './manage.ts';

// The customer's reschedule / cancel page: server-rendered HTML with plain forms, readable on a
// 390 px phone, no script needed.

const styles = `
  body{font-family:system-ui,-apple-system,sans-serif;margin:0;padding:16px;max-width:480px;line-height:1.5;color:#1a1a1a}
  h1{font-size:1.4rem;margin:.5rem 0 1rem} h2{font-size:1.1rem;margin-top:1.5rem}
  .card{border:1px solid #ccc;border-radius:8px;padding:12px 16px;margin:12px 0}
  label{display:block;font-weight:600;margin:.5rem 0 .25rem}
  select,button{font-size:1rem;width:100%;min-height:44px;border-radius:6px}
  button{border:0;margin-top:12px;cursor:pointer;font-weight:600}
  .primary{background:#0b57d0;color:#fff} .danger{background:#fff;color:#a50e0e;border:2px solid #a50e0e}
  .notice{background:#e6f4ea;border-left:4px solid #137333;padding:8px 12px} .refusal{border-left:4px solid #a50e0e;padding:8px 12px;background:#fce8e6}
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

type View = Awaited<ReturnType<typeof describeManagedAppointment>>;

const doneMessages: Record<string, string> = {
  rescheduled: 'Your callback has been moved. We have emailed you an updated invitation.',
  cancelled: 'Your callback is cancelled. We have emailed you a confirmation.',
};

export function renderManagePage(view: View, token: string, done?: string, problem?: string): string {
  const action = (what: string) => `/manage/${encodeURIComponent(token)}/${what}`;
  const status =
    view.appointment.status === 'booked'
      ? `<p><strong>${escapeHtml(view.when.date)}</strong><br>between ${escapeHtml(view.when.window)}</p>`
      : `<p>This callback (${escapeHtml(view.when.date)}, ${escapeHtml(view.when.window)}) is <strong>${escapeHtml(view.appointment.status)}</strong>.</p>`;
  const notice =
    done && doneMessages[done] ? `<p class="notice" role="status">${escapeHtml(doneMessages[done])}</p>` : '';
  const refusal = problem ? `<p class="refusal" role="alert">${escapeHtml(problem)}</p>` : '';
  const options = view.days
    .map(
      (day) =>
        `<optgroup label="${escapeHtml(day.date)}">${day.windows
          .map(
            (w) =>
              `<option value="${escapeHtml(w.start)}">${escapeHtml(describeOption(w.start, w.end))}</option>`,
          )
          .join('')}</optgroup>`,
    )
    .join('');
  const forms =
    view.appointment.status !== 'booked'
      ? ''
      : `<h2>Pick another time</h2>
${
  options
    ? `<form method="post" action="${action('reschedule')}">
<label for="start">New time (${escapeHtml(view.appointment.customerTimeZone)})</label>
<select id="start" name="start" required>${options}</select>
<button class="primary" type="submit">Move my callback</button></form>`
    : '<p>There are no other open times in the next two weeks. Please call us to arrange one.</p>'
}
<h2>No longer need the call?</h2>
<form method="post" action="${action('cancel')}">
<button class="danger" type="submit">Cancel my callback</button></form>`;
  return layout(
    'Your callback',
    `<h1>Your callback with the ${escapeHtml(view.desk)}</h1>${notice}${refusal}
<div class="card">${status}<p>Job ${escapeHtml(view.appointment.jobNumber)}</p></div>${forms}`,
  );
}

function describeOption(start: string, end: string): string {
  // start/end carry the customer's offset already: show their local wall times.
  const [date, time] = start.split('T');
  const endTime = end.split('T')[1]!.slice(0, 5);
  const weekday = new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
  return `${weekday}, ${time!.slice(0, 5)}–${endTime}`;
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
