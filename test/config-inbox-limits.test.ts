// The inbox limits' settings: one send can never make a log record over the log's limit, and one
// message always fits an empty inbox; LOG_RECORD_LIMIT_BYTES is the limit the engine's log enforces.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ConfigError, LOG_RECORD_LIMIT_BYTES, defaultConfig, resolveConfig, type ServerConfig } from '../src/config.js';
import { LogSet, LogRecordTooLargeError } from '../src/store/log/index.js';
import { tempDir } from './helpers/server.js';

it('defaults to 16 devices per user and 32 MiB of undelivered bytes per user', () => {
  assert.equal(defaultConfig.maxDevicesPerUser, 16);
  assert.equal(defaultConfig.maxQueuedBytesPerUser, 32 * 1024 * 1024);
});

it('refuses a device cap whose copies of the largest body would pass the log record limit', () => {
  const bad: [Partial<ServerConfig>, RegExp][] = [
    // The case: 1,000 devices of 64 KiB copies is a 64 MiB record.
    [{ maxDevicesPerUser: 1000 }, /maxDevicesPerUser \(1000\).*over the log's limit of 16777216: lower maxDevicesPerUser \(at most 252/],
    [{ maxDevicesPerUser: 300 }, /maxDevicesPerUser \(300\)/],
    [{ maxDevicesPerUser: 20, maxBodyBytes: 1024 * 1024, maxFrameBytes: 1024 * 1024 + 4096 }, /maxBodyBytes/],
    [{ maxDevicesPerUser: 2.5 }, /maxDevicesPerUser must be a whole number/],
    [{ maxDevicesPerUser: 0 }, /maxDevicesPerUser must be a positive number/],
    [{ maxQueuedBytesPerUser: 512 * 1024 }, /maxQueuedBytesPerUser \(524288\) must hold one message of maxBodyBytes for every device/],
  ];
  for (const [overrides, message] of bad) {
    assert.throws(() => resolveConfig(overrides), (err: unknown) => err instanceof ConfigError && message.test(err.message), JSON.stringify(overrides));
  }
  // Smaller bodies leave room for more devices.
  assert.equal(resolveConfig({ maxDevicesPerUser: 250, maxBodyBytes: 32 * 1024 }).maxDevicesPerUser, 250);
});

it("agrees with the log's own record limit", async () => {
  const dir = tempDir('atoll-log-limit-');
  const logs = await LogSet.open([dir.path]);
  try {
    await assert.rejects(logs.append(0, new Uint8Array(LOG_RECORD_LIMIT_BYTES + 1)), (err: unknown) =>
      err instanceof LogRecordTooLargeError && err.message.includes(`maximum of ${LOG_RECORD_LIMIT_BYTES} bytes`));
  } finally {
    await logs.close();
    dir.remove();
  }
});
