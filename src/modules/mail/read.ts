/** A kept or sent message as a person reads it: headers and the decoded text, no MIME. */
export type ReadableMessage = {
  from: string | null;
  date: Date | null;
  text: string | null;
  attachments: Array<{ filename: string; contentType: string }>;
};

/**
 * Decodes a MIME source (quoted-printable, base64, multipart). The text part is preferred; mailparser
 * derives text from the HTML when a message has none, so no HTML reaches the reader's browser.
 */
export async function readMessage(raw: string): Promise<ReadableMessage> {
  // Loaded when someone opens the mailbox, not at start: the parser is about 30 MB of memory.
  const { simpleParser } = await import('mailparser');
  const parsed = await simpleParser(raw, {
    skipHtmlToText: false,
    skipTextToHtml: true,
    skipImageLinks: true,
  });
  return {
    from: parsed.from?.text ?? null,
    date: parsed.date ?? null,
    text: parsed.text?.trimEnd() ?? null,
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? '(unnamed)',
      contentType: a.contentType,
    })),
  };
}
