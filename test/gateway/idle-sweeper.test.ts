// The idle wheel: silent connections time out, active ones are re-bucketed, closed ones are
// forgotten at once (a reconnect storm must not leave closed sessions in memory).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { IdleSweeper, type IdleTracked } from '../../src/gateway/idle-sweeper.js';

function conn(lastActivity: number): IdleTracked & { idled: number; alive: boolean } {
  return { lastActivity, alive: true, idled: 0, wheelSecond: 0, wheelIndex: 0, onIdle() { this.idled++; } };
}

it('forgets closed connections at once, whatever their position in a bucket', () => {
  const sweeper = new IdleSweeper(60_000);
  try {
    const now = Date.now();
    const conns = Array.from({ length: 1000 }, () => conn(now));
    for (const c of conns) sweeper.track(c);
    assert.equal(sweeper.size, 1000);
    for (let i = 0; i < conns.length; i += 2) sweeper.untrack(conns[i]);
    assert.equal(sweeper.size, 500);
    for (let i = 1; i < conns.length; i += 2) sweeper.untrack(conns[i]);
    assert.equal(sweeper.size, 0);
    sweeper.untrack(conns[0]); // twice is harmless
    assert.equal(sweeper.size, 0);
  } finally {
    sweeper.stop();
  }
});

it('times out silent connections and keeps active ones', async () => {
  const sweeper = new IdleSweeper(300, 50);
  try {
    const silent = conn(Date.now());
    const active = conn(Date.now());
    sweeper.track(silent);
    sweeper.track(active);
    const keepAlive = setInterval(() => { active.lastActivity = Date.now(); }, 50);
    await new Promise((r) => setTimeout(r, 2500));
    clearInterval(keepAlive);
    assert.equal(silent.idled, 1);
    assert.equal(active.idled, 0);
  } finally {
    sweeper.stop();
  }
});
