// Fault injection: the server is killed with SIGKILL at random moments while senders stream
// messages and recipients receive and ack them, many rounds in a row, with a short sync delay so
// flushes, evictions and checkpoints happen between kills. After the last restart every acked
// message arrives, none reaches the application twice (deduplicated by seq, as a client does) and
// each sender->recipient order holds. Runs in every durable mode.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DecodedFrame } from '../../../src/protocol/framing.js';
import { RawClient } from '../../helpers/raw-client.js';
import { startChildServer, tempDir, type ChildServer } from '../../helpers/server.js';
import { prng } from '../../store/log/helpers.js';

const PW = 'password-1';
const SENDERS = ['s0', 's1', 's2'];
const RECIPIENTS = ['r0', 'r1', 'r2'];
const ROUNDS = 6;

interface SenderState {
  next: number;
  /** Sent but not acked: resent first (same ids, in order) after the restart. */
  unacked: number[];
  acked: Set<string>;
}

interface RecipientState {
  lastSeq: number;
  /** What reached the application, in order: "from/id". */
  accepted: string[];
}

function recipientOf(k: number): string {
  return RECIPIENTS[k % RECIPIENTS.length];
}

async function runSender(c: RawClient, name: string, st: SenderState): Promise<void> {
  for (;;) {
    const ks = st.unacked.length > 0 ? st.unacked.splice(0) : Array.from({ length: 10 }, () => st.next++);
    const replies = await Promise.allSettled(ks.map((k) => c.request({ send: { id: `${name}-${k}`, to: recipientOf(k), body: Buffer.from(`${name}:${k}`) } }, 'sendAck')));
    const failed: number[] = [];
    replies.forEach((r, i) => (r.status === 'fulfilled' ? st.acked.add(`${name}/${name}-${ks[i]}`) : failed.push(ks[i])));
    if (failed.length > 0) {
      st.unacked = failed.concat(st.unacked);
      return;
    }
  }
}

/** Processes deliveries like an application: skip seqs already seen, ack everything. */
async function runReceiver(c: RawClient, st: RecipientState): Promise<void> {
  for (;;) {
    let f: DecodedFrame;
    try {
      f = await c.waitFor((x) => x.body === 'deliver', 60_000);
    } catch {
      return;
    }
    const d = f.deliver!;
    if (d.seq! > st.lastSeq) {
      st.lastSeq = d.seq!;
      if (d.message) st.accepted.push(`${d.message.from}/${d.message.id}`);
    }
    c.sendFrame({ ref: 0, ack: { seq: d.seq } });
  }
}

async function login(server: ChildServer, user: string, register: boolean): Promise<RawClient> {
  return RawClient.login(user.endsWith('1') ? server.ws : server.tcp, user, PW, 'phone', register);
}

async function crashRounds(mode: string, seed: number): Promise<void> {
  const rand = prng(seed);
  const dir = tempDir();
  const flags = ['--durability', mode, '--sync-delay-ms', '150', '--checkpoint-interval-ms', '100', '--send-rate-per-sec', '100000', '--send-burst', '100000'];
  const senders = new Map(SENDERS.map((s) => [s, { next: 0, unacked: [], acked: new Set<string>() } as SenderState]));
  const recipients = new Map(RECIPIENTS.map((r) => [r, { lastSeq: 0, accepted: [] } as RecipientState]));
  let server = await startChildServer(dir.path, flags);
  try {
    for (const u of [...SENDERS, ...RECIPIENTS]) (await login(server, u, true)).close();
    for (let round = 0; round < ROUNDS; round++) {
      const clients: RawClient[] = [];
      const loops: Promise<void>[] = [];
      // r0 is always online, r1 never until the end (its items linger and get flushed), r2 every other round.
      for (const r of RECIPIENTS.filter((x) => x === 'r0' || (x === 'r2' && round % 2 === 1))) {
        const c = await login(server, r, false);
        clients.push(c);
        loops.push(runReceiver(c, recipients.get(r)!));
      }
      for (const s of SENDERS) {
        const c = await login(server, s, false);
        clients.push(c);
        loops.push(runSender(c, s, senders.get(s)!));
        loops.push(runReceiver(c, { lastSeq: 0, accepted: [] })); // receipts
      }
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.floor(rand() * 600)));
      await server.kill9();
      await Promise.all(loops);
      for (const c of clients) c.close();
      server = await startChildServer(dir.path, flags);
    }
    const acked = [...senders.values()].flatMap((s) => [...s.acked]);
    assert.ok(acked.length > 100, `enough load to mean something (${acked.length} acked)`);
    const clients = await Promise.all(RECIPIENTS.map((r) => login(server, r, false)));
    const loops = clients.map((c, i) => runReceiver(c, recipients.get(RECIPIENTS[i])!));
    const want = (r: string) => acked.filter((a) => recipientOf(Number(a.split('-').pop())) === r);
    const deadline = Date.now() + 20_000;
    for (const r of RECIPIENTS) {
      const have = () => new Set(recipients.get(r)!.accepted);
      while (want(r).some((a) => !have().has(a)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const c of clients) c.close();
    await Promise.all(loops);
    for (const r of RECIPIENTS) {
      const accepted = recipients.get(r)!.accepted;
      const missing = want(r).filter((a) => !accepted.includes(a));
      assert.deepEqual(missing, [], `${r}: acked messages missing`);
      assert.equal(new Set(accepted).size, accepted.length, `${r}: a message reached the application twice`);
      for (const s of SENDERS) {
        const ks = accepted.filter((a) => a.startsWith(`${s}/`)).map((a) => Number(a.split('-').pop()));
        assert.ok(ks.every((k, i) => i === 0 || k > ks[i - 1]), `${s}->${r} out of order: ${ks.join(',')}`);
      }
    }
  } finally {
    await server.stop();
    dir.remove();
  }
}

describe('SIGKILL at random moments under load, six rounds in a row', () => {
  it('loses no acked message, duplicates none and keeps per-pair order (durability log)', () => crashRounds('log', 11));
  it('loses no acked message, duplicates none and keeps per-pair order (durability write-through)', () => crashRounds('write-through', 12));
});
