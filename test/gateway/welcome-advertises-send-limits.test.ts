// Welcome tells a client the send rate and burst it is held to, so a client can size its window of
// unacknowledged sends from what this server enforces rather than from a documented default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../helpers/server.js';
import { RawClient } from '../helpers/raw-client.js';

test('Welcome carries the configured send rate and burst', async () => {
  const server = await startTestServer({ sendRatePerSec: 37, sendBurst: 55 });
  const c = await RawClient.connect(server.tcp);
  try {
    const reply = await c.request({ hello: { protocolVersion: 1, client: 'welcome-test' } }, 'welcome');
    assert.equal(reply.welcome?.sendRatePerSec, 37);
    assert.equal(reply.welcome?.sendBurst, 55);
  } finally {
    c.close();
    await server.stop();
  }
});
