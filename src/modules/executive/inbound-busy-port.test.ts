import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { startInboundSmtp } from './inbound-smtp.ts';

test('a busy inbound port rejects the start once, without also reporting a raw error', async () => {
  const squatter = createServer().listen(0, '127.0.0.1');
  await once(squatter, 'listening');
  const { port } = squatter.address() as { port: number };
  const reported: unknown[] = [];
  try {
    await assert.rejects(
      startInboundSmtp({
        port,
        host: '127.0.0.1',
        recipients: ['exec@example.test'],
        maxBytes: 1024,
        onMail: async () => {},
        onError: (error) => reported.push(error),
      }),
      /EADDRINUSE/,
    );
    assert.deepEqual(reported, [], 'the caller says it in one line; nothing else prints a stack');
  } finally {
    squatter.close();
  }
});
