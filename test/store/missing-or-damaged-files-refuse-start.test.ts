// Files a real server needs, gone or damaged after a kill -9: a deleted log or a deleted atoll.mdb
// refuses the start (every time, until --repair), and a damaged atoll.mdb exits with a clear
// error, never by a signal; --verify-store catches damage in data pages too. After a clean stop
// the log holds nothing needed, so its removal is not refused.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FAST_SERVER_FLAGS, parseJson, runCli, startServe, type CliResult } from '../cli/cli-harness.js';
import { RawClient } from '../helpers/raw-client.js';

const root = mkdtempSync(join(tmpdir(), 'atoll-missing-files-'));
after(() => rmSync(root, { recursive: true, force: true }));

const PW = 'password-1';
const serveFlags = (data: string) => [...FAST_SERVER_FLAGS, '--data', data];

/** Queues messages for offline bob through a real server, then kills it with SIGKILL. */
async function queueAndKill(data: string, n = 300): Promise<void> {
  const server = await startServe([...serveFlags(data), '--send-burst', '1000']);
  try {
    const tcp = `tcp://127.0.0.1:${server.tcpPort}`;
    (await RawClient.login(tcp, 'bob', PW, 'phone', true)).close();
    const alice = await RawClient.login(tcp, 'alice', PW, 'laptop', true);
    await Promise.all(Array.from({ length: n }, (_, i) => alice.request({ send: { id: `m${i}`, to: 'bob', body: Buffer.from(`msg ${i}`) } }, 'sendAck')));
  } finally {
    await server.proc.stop('SIGKILL');
  }
}

function assertRefused(result: CliResult, pattern: RegExp): void {
  assert.equal(result.signal, null, `exited by itself, not by a signal; stderr: ${result.stderr}`);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, pattern);
}

/** Starts with --repair and returns the error-level lines it logged before listening. */
async function repairedStart(data: string): Promise<Record<string, unknown>[]> {
  const server = await startServe([...serveFlags(data), '--repair']);
  const errors = server.proc.lines.map(parseJson).filter((e): e is Record<string, unknown> => e?.level === 50);
  assert.equal((await server.proc.stop('SIGTERM')).code, 0);
  return errors;
}

test('a deleted log is refused, on every start, until --repair starts an empty one', async () => {
  const data = join(root, 'no-log');
  await queueAndKill(data);
  rmSync(join(data, 'log'), { recursive: true });
  const refusal = /^atoll serve: cannot start: the log in .*\/no-log\/log is missing or empty .* atoll\.mdb was last used with a log there .*acknowledged but held only in the log are lost.*--repair/;
  assertRefused(await runCli(['serve', ...serveFlags(data)]), refusal);
  assertRefused(await runCli(['serve', ...serveFlags(data)]), refusal);
  const errors = await repairedStart(data);
  assert.ok(errors.some((e) => String(e.msg).startsWith('storage repaired: the log was missing')), JSON.stringify(errors));
  const again = await startServe(serveFlags(data)); // the repair is done: plain starts work again
  assert.equal((await again.proc.stop('SIGTERM')).code, 0);
});

test('after a clean stop the log holds nothing needed: an emptied log directory starts without a repair', async () => {
  const data = join(root, 'clean-stop');
  const first = await startServe(serveFlags(data));
  const tcp = `tcp://127.0.0.1:${first.tcpPort}`;
  (await RawClient.login(tcp, 'bob', PW, 'phone', true)).close();
  const alice = await RawClient.login(tcp, 'alice', PW, 'laptop', true);
  await alice.request({ send: { id: 'kept', to: 'bob', body: Buffer.from('in atoll.mdb after the stop') } }, 'sendAck');
  assert.equal((await first.proc.stop('SIGTERM')).code, 0);
  rmSync(join(data, 'log'), { recursive: true });
  const second = await startServe(serveFlags(data));
  try {
    const bob = await RawClient.login(`tcp://127.0.0.1:${second.tcpPort}`, 'bob', PW, 'phone');
    assert.equal((await bob.receive(1))[0].deliver!.message!.id, 'kept');
    bob.close();
  } finally {
    assert.equal((await second.proc.stop('SIGTERM')).code, 0);
  }
});

test('a deleted atoll.mdb is refused while the log holds records written with it', async () => {
  const data = join(root, 'no-store');
  await queueAndKill(data);
  rmSync(join(data, 'atoll.mdb'));
  rmSync(join(data, 'atoll.mdb-lock'), { force: true });
  const refusal = /^atoll serve: cannot start: .*\/no-store\/atoll\.mdb is missing or empty, but the log in .*\/no-store\/log was written together with it.*Restore atoll\.mdb from a backup.*--repair/;
  assertRefused(await runCli(['serve', ...serveFlags(data)]), refusal);
  assertRefused(await runCli(['serve', ...serveFlags(data)]), refusal);
  const errors = await repairedStart(data);
  assert.ok(errors.some((e) => String(e.msg).startsWith('storage repaired: atoll.mdb was missing')), JSON.stringify(errors));
});

test('a truncated atoll.mdb or a damaged meta page exits with a clear error, not a signal', async () => {
  const data = join(root, 'cut-store');
  await queueAndKill(data, 20);
  const path = join(data, 'atoll.mdb');
  const pristine = readFileSync(path);
  const cases: [string, () => void, RegExp][] = [
    ['cut in half', () => truncateSync(path, Math.floor(pristine.length / 2 / 4096) * 4096), /it was cut short/],
    ['meta page 0', () => writeFileSync(path, Buffer.concat([pristine.subarray(0, 0x18), Buffer.alloc(4), pristine.subarray(0x1c)])), /meta page 0 lacks the LMDB magic number/],
  ];
  for (const [what, damage, problem] of cases) {
    writeFileSync(path, pristine);
    damage();
    const result = await runCli(['serve', ...serveFlags(data)]);
    assertRefused(result, new RegExp(`^atoll serve: cannot start: .*cut-store/atoll\\.mdb is damaged: .*`));
    assert.match(result.stderr, problem, what);
    assert.match(result.stderr, /Restore the data directory \(atoll\.mdb together with its log\) from a backup/, what);
  }
});

test('--verify-store turns damage in a data page into a clear error at start', async () => {
  const data = join(root, 'bad-page');
  await queueAndKill(data, 20);
  const path = join(data, 'atoll.mdb');
  const bytes = readFileSync(path);
  const page = usersRootPage(bytes);
  bytes.fill(0xff, page * 4096 + 24, (page + 1) * 4096); // keep the page header: only reading the records can tell
  writeFileSync(path, bytes);
  const result = await runCli(['serve', ...serveFlags(data), '--verify-store']);
  assertRefused(result, /^atoll serve: cannot start: .*bad-page\/atoll\.mdb is damaged: reading every record (failed|crashed)/);
});

/** The root page of the "users" database: found in the main tree's leaf, as LMDB lays it out. */
function usersRootPage(file: Buffer): number {
  const pageSize = file.readUInt32LE(0x30);
  const meta = file.readBigUInt64LE(0x98) >= file.readBigUInt64LE(pageSize + 0x98) ? 0 : pageSize;
  const main = Number(file.readBigUInt64LE(meta + 0x88)) * pageSize;
  const keys = file.readUInt16LE(main + 20) >> 1;
  for (let i = 0; i < keys; i++) {
    const node = main + 24 + file.readUInt16LE(main + 24 + 2 * i);
    const keyBytes = file.readUInt16LE(node + 6);
    if (file.toString('utf8', node + 8, node + 8 + keyBytes).replace(/\0$/, '') === 'users') return Number(file.readBigUInt64LE(node + 8 + keyBytes + 40));
  }
  throw new Error('no users database in the file');
}
