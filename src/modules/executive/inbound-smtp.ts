import type { AddressInfo } from 'node:net';
import type { ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { withoutControlCharacters } from '../../lib/control-characters.ts';

/** What the listener hands on for each accepted message. */
export type InboundMail = {
  /** The envelope recipient it was accepted for. */
  recipient: string;
  envelopeFrom: string;
  fromAddress: string;
  fromName: string;
  subject: string;
  text: string;
  messageId: string | null;
  sizeBytes: number;
};

export type InboundSmtpOptions = {
  port: number;
  host: string;
  /** The only addresses mail is accepted for (case-insensitive); others get 550. */
  recipients: string[];
  /** Larger messages are refused with 552. */
  maxBytes: number;
  /** Must resolve only once the message is safely stored: the sender gets 250 after it, 451 if it throws. */
  onMail(mail: InboundMail): Promise<void>;
  /** Where unexpected handler failures are reported (they are answered 451 so the sender retries). */
  onError?(error: unknown): void;
};

function smtpError(code: number, message: string) {
  // smtp-server writes responseCode before the message; putting the code in the text would repeat it.
  return Object.assign(new Error(message), { responseCode: code });
}

function plainText(parsed: ParsedMail): string {
  if (parsed.text?.trim()) return parsed.text.trim();
  if (typeof parsed.html === 'string') {
    return parsed.html
      .replace(/<(style|script)[\s\S]*?<\/\1>/gi, '')
      .replace(/<br\s*\/?>|<\/p>/gi, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&nbsp;/g, ' ')
      .trim();
  }
  return '';
}

async function readMail(stream: SMTPServerDataStream, recipient: string, envelopeFrom: string) {
  let sizeBytes = 0;
  stream.on('data', (chunk: Buffer) => {
    sizeBytes += chunk.length;
  });
  // Loaded on the first message, not at start: the parser is about 30 MB of a server's memory.
  const { simpleParser } = await import('mailparser');
  const parsed = await simpleParser(stream);
  const from = parsed.from?.value[0];
  // Mail is not refused for a stray control character: PostgreSQL cannot store U+0000, so storing
  // the message would fail on every retry (451 forever) and the customer's case would never exist.
  // They carry no meaning in a case, so they are dropped from the text and become spaces in a line.
  const line = (value: string) => withoutControlCharacters(value, false).trim();
  return {
    recipient,
    envelopeFrom: line(envelopeFrom),
    fromAddress: line(from?.address || envelopeFrom).toLowerCase(),
    fromName: line(from?.name ?? ''),
    subject: line(parsed.subject ?? ''),
    text: withoutControlCharacters(plainText(parsed), true),
    messageId: parsed.messageId ? line(parsed.messageId) : null,
    sizeBytes,
  };
}

/**
 * An inbound SMTP listener for a few of our own addresses (no relay, no authentication). Each
 * message is parsed and handed to `onMail`; the sender is answered 250 only after that resolves.
 * TLS is not offered: put it behind the organisation's mail gateway.
 */
export async function startInboundSmtp(options: InboundSmtpOptions) {
  const accepted = options.recipients.map((r) => r.toLowerCase());
  const server = new SMTPServer({
    name: 'escalation-desk',
    banner: 'Escalation Desk inbound mail',
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxBytes,
    maxClients: 100,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!accepted.includes(address.address.toLowerCase())) {
        return callback(smtpError(550, `no mailbox here for ${address.address}`));
      }
      callback();
    },
    onData(stream, session, callback) {
      const recipient = session.envelope.rcptTo[0]?.address.toLowerCase() ?? accepted[0]!;
      const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
      readMail(stream, recipient, envelopeFrom)
        .then(async (mail) => {
          if (stream.sizeExceeded) {
            return callback(smtpError(552, `message exceeds the size limit of ${options.maxBytes} bytes`));
          }
          await options.onMail(mail);
          callback(null, 'queued as a case');
        })
        .catch((error: unknown) => {
          options.onError?.(error);
          callback(smtpError(451, 'could not store the message now; try again later'));
        });
    },
  });
  // Until it listens, an error (a busy port) belongs to the caller, who says it in one line;
  // reporting it to onError as well printed a raw stack beside that line.
  let isListening = false;
  server.on('error', (error) => {
    if (isListening) options.onError?.(error);
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      isListening = true;
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
