// A first device takes over a held backlog in log records of bounded size (one record for all of it
// could pass the log's limit), and a crash between those records loses and repeats nothing: the
// next login moves the rest, in order.
import assert from 'node:assert/strict';
import { closeSync, cpSync, openSync, readdirSync, readSync, rmSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { decodeOps } from '../../../src/store/inbox-ops.js';
import { tempDir } from '../../helpers/server.js';
import { attach, openEngineNode, type FakeSession } from '../../store/engine-node.js';

const MESSAGES = 100;
const BODY = Buffer.alloc(64 * 1024, 'h');
const SETTINGS = { syncDelayMs: 60_000, inboxWindowBytes: 64 * 1024 * 1024 };

/** The records of the log's only segment: offset and payload, up to the zeros after the last. */
function records(logDir: string): { file: string; at: number; payload: Buffer }[] {
  const name = readdirSync(logDir).filter((f) => f.endsWith('.log')).sort();
  assert.equal(name.length, 1, 'one segment');
  const file = join(logDir, name[0]);
  const fd = openSync(file, 'r');
  const out: { file: string; at: number; payload: Buffer }[] = [];
  try {
    const header = Buffer.alloc(16);
    for (let at = 0, n = 0; n < 10_000; n++) {
      if (readSync(fd, header, 0, 16, at) < 16) break;
      const len = header.readUInt32LE(4);
      if (len === 0 && header.readUInt32LE(12) === 0) break;
      const payload = Buffer.alloc(len);
      readSync(fd, payload, 0, len, at + 16);
      out.push({ file, at, payload });
      at += 16 + len;
    }
  } finally {
    closeSync(fd);
  }
  return out;
}

async function deliveredIds(session: FakeSession, n: number): Promise<string[]> {
  const deadline = Date.now() + 5000;
  while (session.delivered.length < n && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  return session.delivered.map((d) => d.message!.id!);
}

const all = Array.from({ length: MESSAGES }, (_, i) => `h${i}`);

it('adopts 6.4 MiB held for a new user in several records, and resumes after a crash between them', async () => {
  const dir = tempDir('atoll-adopt-');
  const copy = tempDir('atoll-adopt-copy-');
  try {
    const node = await openEngineNode(dir.path, SETTINGS);
    await node.router.call('inbox', 'newbie', { type: 'ensureUser', user: 'newbie' });
    for (let i = 0; i < MESSAGES; i++) {
      const res = await node.router.call('inbox', 'newbie', { type: 'store', to: 'newbie', from: 'x', fromDevice: 'd', id: `h${i}`, body: BODY, now: Date.now() });
      assert.ok(res.ok);
    }
    const { session } = await attach(node, 'newbie', 'first');
    assert.deepEqual(await deliveredIds(session, MESSAGES), all);
    await node.engine.idle();

    const logged = records(join(dir.path, 'log'));
    const adoption = logged.filter((r) => decodeOps(r.payload).some((op) => op.t === 'ack' && op.device === ''));
    assert.ok(adoption.length >= 2, `the move took ${adoption.length} records`);
    for (const r of adoption) assert.ok(r.payload.length <= 4.5 * 1024 * 1024, `a record of ${r.payload.length} bytes`);

    // The data dir as a crash before the last record reached the disk would leave it.
    cpSync(dir.path, copy.path, { recursive: true });
    rmSync(join(copy.path, 'atoll.mdb-lock'), { force: true });
    rmSync(join(copy.path, 'log', 'LOCK'), { force: true });
    const last = adoption[adoption.length - 1];
    const file = join(copy.path, 'log', last.file.slice(last.file.lastIndexOf('/') + 1));
    truncateSync(file, last.at);
    await node.close();

    const recovered = await openEngineNode(copy.path, SETTINGS);
    try {
      const again = await attach(recovered, 'newbie', 'first');
      assert.deepEqual(await deliveredIds(again.session, MESSAGES), all, 'every held message once, in order');
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(again.session.delivered.length, MESSAGES, 'none twice');
    } finally {
      await recovered.close();
    }
  } finally {
    dir.remove();
    copy.remove();
  }
});
