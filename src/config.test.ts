import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

test('TRUST_PROXY: off by default, true, or a list of addresses and ranges', () => {
  assert.equal(loadConfig({}).trustProxy, false);
  assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
  assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,::1' }).trustProxy, [
    '10.0.0.1',
    '10.1.0.0/16',
    '::1',
  ]);
  assert.throws(() => loadConfig({ TRUST_PROXY: 'yes please' }), ConfigError);
});
