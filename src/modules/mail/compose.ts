import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';

/** "Escalation Desk <desk@demo.test>" → its name and address. */
export function parseMailbox(value: string): { name: string; email: string } {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(value);
  return match
    ? { name: match[1]!.replace(/^"|"$/g, ''), email: match[2]! }
    : { name: '', email: value.trim() };
}

export type StoredMessage = {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  calendar: Record<string, unknown> | null;
  created_at: Date;
};

/** A Message-ID fixed per outbox row, so a retried delivery is recognisably the same message. */
export function messageIdOf(messageId: string, from: string): string {
  const domain = parseMailbox(from).email.split('@')[1] ?? 'escalation-desk.local';
  return `<${messageId}@${domain}>`;
}

/** The nodemailer message for an outbox row: HTML + text and, when present, the calendar invite. */
export function composeMessage(message: StoredMessage, from: string): Mail.Options {
  const calendar = message.calendar as { method?: string; content?: string; filename?: string } | null;
  return {
    from,
    to: message.to_address,
    subject: message.subject,
    text: message.text_body,
    ...(message.html_body ? { html: message.html_body } : {}),
    // icalEvent adds the inline text/calendar part and the invite.ics attachment; add no other .ics.
    ...(calendar?.content
      ? {
          icalEvent: {
            method: calendar.method ?? 'REQUEST',
            content: calendar.content,
            filename: calendar.filename ?? 'invite.ics',
          },
        }
      : {}),
    messageId: messageIdOf(message.id, from),
    date: message.created_at,
  };
}

/** The full MIME source, exactly the bytes handed to the SMTP server (or kept in the mailbox). */
export function buildRawMessage(options: Mail.Options): Promise<string> {
  return new Promise((resolve, reject) => {
    new MailComposer(options).compile().build((error, raw) =>
      // SMTP sends CRLF line ends; make them so here, so what is stored is what the server receives.
      error ? reject(error) : resolve(raw.toString('utf8').replace(/\r?\n/g, '\r\n')),
    );
  });
}
