import assert from 'node:assert/strict';
import { test } from 'node:test';

test('the Vite dev server proxies /api and /manage to the PORT and HOST the server listens on', {
  skip: process.env.TEST_ENGINE === 'postgres' && 'no database involved; runs in the PGlite pass',
}, async () => {
  const saved = { PORT: process.env.PORT, HOST: process.env.HOST };
  process.env.PORT = '4123';
  process.env.HOST = '127.0.0.2';
  try {
    const { default: config } = await import('../web/vite.config.ts');
    const proxy = (config as { server: { proxy: Record<string, { target: string }> } }).server.proxy;
    assert.equal(proxy['/api']!.target, 'http://127.0.0.2:4123');
    assert.equal(proxy['/manage']!.target, 'http://127.0.0.2:4123');
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
});
