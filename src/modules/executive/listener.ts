import type { Deps } from '../../deps.ts';
import { startInboundSmtp } from './inbound-smtp.ts';
import { openExecutiveCase } from './open-case.ts';

/** Messages above this size are refused (552): cases are text, attachments belong elsewhere. */
export const inboundMaxBytes = 5 * 1024 * 1024;

/**
 * Listens for mail to the executive-escalations address on `config.inboundSmtpPort` and opens a case
 * for each message. Returns the bound port (0 in the config picks a free one) and a stopper.
 */
export async function startExecutiveMailListener(
  deps: Deps,
  options: { port?: number; host?: string; maxBytes?: number; onError?: (error: unknown) => void } = {},
) {
  return startInboundSmtp({
    port: options.port ?? deps.config.inboundSmtpPort,
    host: options.host ?? deps.config.host,
    recipients: [deps.config.executiveEscalationsAddress],
    maxBytes: options.maxBytes ?? inboundMaxBytes,
    onError: options.onError ?? ((error) => console.error('inbound mail:', error)),
    onMail: async (mail) => {
      await openExecutiveCase(deps, mail);
    },
  });
}
