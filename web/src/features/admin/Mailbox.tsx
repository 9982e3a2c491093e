import { useState } from 'react';
import { Time } from '../../shared/components/time';
import { Empty, QueryState } from '../../shared/components/states';
import { localZone } from '../../shared/time';
import { type Mail, useMailbox } from './api';

/** The text with its web addresses as links (only http and https; everything else stays text). */
function withLinks(text: string) {
  return text.split(/(https?:\/\/[^\s<>"']+)/g).map((part, index) =>
    index % 2 === 1 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text, in order, never reordered
      <a key={index} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}

const statusLabels: Record<string, string> = {
  kept: 'Kept here',
  sent: 'Sent',
  pending: 'Waiting to send',
  failed: 'Failed',
};

/** Kept mail (no SMTP configured): what customers and staff were sent, decoded for reading. */
export function Mailbox() {
  const mailbox = useMailbox();
  const [open, setOpen] = useState<string | null>(null);
  const zone = localZone();
  return (
    <section className="card" aria-labelledby="admin-mailbox">
      <h2 id="admin-mailbox">Mailbox</h2>
      <QueryState query={mailbox} label="Loading mail…">
        {(items) =>
          items.length === 0 ? (
            <Empty>No mail sent yet.</Empty>
          ) : (
            <ul className="plain-list mail-list">
              {items.map((mail) => (
                <li key={mail.id}>
                  <button
                    type="button"
                    className="link-button"
                    aria-expanded={open === mail.id}
                    aria-controls={`mail-${mail.id}`}
                    onClick={() => setOpen(open === mail.id ? null : mail.id)}
                  >
                    {mail.subject}
                  </button>{' '}
                  <span className="muted">to {mail.to}</span>{' '}
                  <span className="badge">{statusLabels[mail.status] ?? mail.status}</span>
                  {open === mail.id && <MailMessage mail={mail} zone={zone} />}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

/** One message as a person reads it: headers, the text body, attachments; the MIME source on request. */
function MailMessage({ mail, zone }: { mail: Mail; zone: string }) {
  return (
    <article className="mail-body" id={`mail-${mail.id}`} aria-label={`Message: ${mail.subject}`}>
      <dl className="mail-headers">
        <dt>From</dt>
        <dd>{mail.from ?? '—'}</dd>
        <dt>To</dt>
        <dd>{mail.to}</dd>
        <dt>Subject</dt>
        <dd>{mail.subject}</dd>
        <dt>Date</dt>
        <dd>
          <Time value={mail.date ?? mail.createdAt} zone={zone} />
        </dd>
        {mail.attachments.length > 0 && (
          <>
            <dt>Attachments</dt>
            <dd>{mail.attachments.map((a) => a.filename).join(', ')}</dd>
          </>
        )}
        {mail.lastError && (
          <>
            <dt>Last error</dt>
            <dd>{mail.lastError}</dd>
          </>
        )}
      </dl>
      {/* Plain text in a <pre>: React escapes it, so nothing in a message can run here. */}
      {/* A long message scrolls: focusable and named, so a keyboard can scroll it too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard */}
      <section className="mail-scroll" aria-label="Message text" tabIndex={0}>
        <pre className="mail-text">{mail.text ? withLinks(mail.text) : '(no text)'}</pre>
      </section>
      {mail.raw && (
        <details>
          <summary>Show source</summary>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard */}
          <section className="mail-scroll" aria-label="Message source" tabIndex={0}>
            <pre>{mail.raw}</pre>
          </section>
        </details>
      )}
    </article>
  );
}
