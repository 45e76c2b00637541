// Crash safety with a real kill -9: a child appends concurrently and prints every acked LSN; we
// SIGKILL it at random moments, recover the log, and check that every acked record is there,
// intact and in order, that nothing appears that was never written, and that LSNs continue.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { GroupCommitLog } from '../../../src/store/log/index.js';
import { seqOf } from './fixtures/crash-record.js';
import { prng, randInt, withTempDir } from './helpers.js';

const CHILD = fileURLToPath(new URL('./fixtures/append-child.js', import.meta.url));
const ROUNDS = 8;

interface ChildRun {
  acked: Map<number, number>; // lsn -> seq
  checkpoint: number; // highest checkpoint the child saw confirmed
  nextLsnAtStart: number;
}

/** Runs the child until `killAfterMs` after its first ack (slow disks ack late), then SIGKILLs it. */
async function runAndKill(dir: string, firstSeq: number, preallocate: boolean, killAfterMs: number): Promise<ChildRun> {
  const child = spawn(process.execPath, [CHILD, dir, String(firstSeq), preallocate ? '1' : '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const run: ChildRun = { acked: new Map(), checkpoint: 0, nextLsnAtStart: -1 };
  let partial = '';
  let exitedEarly = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code, signal) => {
      exitedEarly = signal !== 'SIGKILL';
      reject(new Error(`child exited before it was killed: code ${code}, signal ${signal}`));
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? ''; // a line cut by the kill is not an ack
      for (const line of lines) {
        const [kind, a, b] = line.split(' ');
        if (kind === 'A') {
          run.acked.set(Number(a), Number(b));
          resolve();
        }
        else if (kind === 'C') run.checkpoint = Math.max(run.checkpoint, Number(a));
        else if (kind === 'R') run.nextLsnAtStart = Number(a);
      }
    });
  });
  try {
    await ready;
    await new Promise((r) => setTimeout(r, killAfterMs));
    assert.ok(!exitedEarly, 'child still running when killed');
    child.kill('SIGKILL');
    await exited;
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  }
  assert.ok(run.acked.size > 0, 'the child acked some records before the kill');
  return run;
}

test('every acked record survives kill -9 at random moments, nothing is invented', async (t) => {
  const seed = Number(process.env.LOG_CRASH_SEED ?? Date.now() % 1_000_000_007);
  t.diagnostic(`seed ${seed} (rerun with LOG_CRASH_SEED=${seed})`);
  const rand = prng(seed);
  await withTempDir(async (dir) => {
    let survivors = new Map<number, number>(); // lsn -> seq, everything the last recovery returned
    let expectedNext = 1;
    let totalAcked = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const preallocate = round % 2 === 1;
      const killAfter = randInt(rand, 0, 250);
      const where = `seed ${seed}, round ${round}, kill after ${killAfter} ms, preallocate ${preallocate}`;
      const run = await runAndKill(dir, round * 10_000_000, preallocate, killAfter);
      assert.equal(run.nextLsnAtStart, expectedNext, `the child continued the LSNs (${where})`);
      totalAcked += run.acked.size;

      const log = await GroupCommitLog.open(dir);
      const found = new Map<number, number>();
      let prevLsn = 0;
      let prevSeq = -1;
      const result = await log.replay(0, (lsn, payload) => {
        const seq = seqOf(payload);
        assert.ok(seq !== undefined, `LSN ${lsn} holds a record that was never written (${where})`);
        assert.ok(prevLsn === 0 || lsn === prevLsn + 1, `LSNs are consecutive (${where})`);
        // within one run LSNs follow the order of the append calls, so seqs increase
        assert.ok(seq > prevSeq, `LSN ${lsn}: seq ${seq} after ${prevSeq} (${where})`);
        prevLsn = lsn;
        prevSeq = seq;
        found.set(lsn, seq);
      });
      await log.close();

      assert.ok(result.fromLsn >= run.checkpoint, `a confirmed checkpoint is durable (${where})`);
      for (const [lsn, seq] of run.acked) {
        if (lsn < result.fromLsn) continue; // checkpointed away: the child said it no longer needs it
        assert.equal(found.get(lsn), seq, `acked LSN ${lsn} (seq ${seq}) is present and intact (${where})`);
      }
      for (const [lsn, seq] of survivors) {
        if (lsn >= result.fromLsn) assert.equal(found.get(lsn), seq, `recovered LSN ${lsn} is still there (${where})`);
      }
      const maxAcked = Math.max(...run.acked.keys());
      assert.ok(result.nextLsn > maxAcked, where);
      // at most one batch of unacked writes can have reached the disk before the kill
      for (const [lsn, seq] of found) if (lsn > maxAcked) assert.ok(seq >= round * 10_000_000, where);
      survivors = found;
      expectedNext = result.nextLsn;
    }
    t.diagnostic(`${ROUNDS} kills, ${totalAcked} acked records checked, log ends at LSN ${expectedNext - 1}`);
  });
});
