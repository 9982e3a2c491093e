import { useState } from 'react';
import { Empty, QueryState } from '../../shared/components/states';
import { type Mail, useMailbox } from './api';

/** Decodes quoted-printable soft breaks and escapes enough to find the links in a message. */
function linksIn(raw: string | null): string[] {
  if (!raw) return [];
  const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  return [...new Set(text.match(/https?:\/\/[^\s"'<>]+/g) ?? [])];
}

/** Kept mail (no SMTP configured): what customers and staff were sent, with its links. */
export function Mailbox() {
  const mailbox = useMailbox();
  const [open, setOpen] = useState<number | null>(null);
  return (
    <section className="card" aria-labelledby="admin-mailbox">
      <h2 id="admin-mailbox">Mailbox</h2>
      <QueryState query={mailbox} label="Loading mail…">
        {(items) =>
          items.length === 0 ? (
            <Empty>No mail sent yet.</Empty>
          ) : (
            <ul className="plain-list mail-list">
              {items.map((mail: Mail, index) => (
                <li key={mail.id ?? index}>
                  <button
                    type="button"
                    className="link-button"
                    aria-expanded={open === index}
                    onClick={() => setOpen(open === index ? null : index)}
                  >
                    {mail.subject}
                  </button>{' '}
                  <span className="muted">to {mail.to}</span> <span className="badge">{mail.status}</span>
                  {open === index && (
                    <div className="mail-body">
                      <ul className="plain-list">
                        {linksIn(mail.raw).map((link) => (
                          <li key={link}>
                            <a href={link}>{link}</a>
                          </li>
                        ))}
                      </ul>
                      <pre>{(mail.raw ?? '(not kept)').slice(0, 4000)}</pre>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}
