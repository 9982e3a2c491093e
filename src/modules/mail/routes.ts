import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor } from '../../http/auth.ts';
import { IsoDateTime, problemResponses } from '../../http/schemas.ts';
import { mailboxReaderRoles } from './policy.ts';
import { listMailbox } from './service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const MailboxItem = Type.Object({
  id: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  status: Type.String({ description: 'pending, sent (SMTP accepted it), kept (no SMTP_URL) or failed' }),
  purpose: Type.String(),
  relatedId: Nullable(Type.String()),
  messageId: Nullable(Type.String()),
  raw: Nullable(Type.String({ description: 'the full MIME source as sent or kept' })),
  from: Nullable(Type.String({ description: 'the From header, decoded' })),
  date: Nullable(IsoDateTime),
  text: Nullable(Type.String({ description: 'the decoded text body (derived from the HTML when none)' })),
  attachments: Type.Array(Type.Object({ filename: Type.String(), contentType: Type.String() })),
  createdAt: IsoDateTime,
  sentAt: Nullable(IsoDateTime),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  nextAttemptAt: Nullable(IsoDateTime),
});

export async function mailRoutes(app: App, deps: Deps) {
  app.get(
    '/api/mailbox',
    {
      schema: {
        tags: ['mail'],
        description: 'Outgoing mail, newest first (kept messages when no SMTP_URL is set).',
        response: { 200: Type.Object({ items: Type.Array(MailboxItem) }), ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request, mailboxReaderRoles);
      return { items: await listMailbox(deps) };
    },
  );
}
