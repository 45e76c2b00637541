// Records the real bytes the bench's XMPP driver exchanges with a live server, as the transcript
// test/bench/xmpp-driver.test.ts replays: a logging TCP proxy in front of the server, user bu0
// talking through it (register, PLAIN, bind, presence, one message each way, a ping, close) and
// user bu1 talking directly. With work 'equal' both do what `--xmpp-work equal` does: stream
// management acks and delivery receipts. Usage (bench/peers/run.sh record does this for both peers):
//   node bench/peers/record-xmpp.mjs DIST xmpp://127.0.0.1:PORT?domain=localhost OUT.txt "server name" [plain|equal]
import net from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [dist, url, out, serverName, work = 'plain'] = process.argv.slice(2);
if (!dist || !url || !out) {
  console.error('usage: node bench/peers/record-xmpp.mjs DIST XMPP_URL OUT.txt [SERVER NAME]');
  process.exit(1);
}
const { XmppConn } = await import(pathToFileURL(path.resolve(dist, 'src/bench/drivers/xmpp.js')).href);
const u = new URL(url);
const upstream = { host: u.hostname, port: Number(u.port) };
if (!/^127\./.test(upstream.host)) throw new Error('loopback only');
const domain = u.searchParams.get('domain') ?? 'localhost';

// Everything must finish quickly; a stuck server fails the recording instead of hanging.
const deadline = setTimeout(() => {
  console.error('record-xmpp: no complete exchange within 20 s');
  process.exit(2);
}, 20_000);

const lines = [];
const note = (who, chunk) => lines.push(`${who}: ${chunk.toString('utf8').replace(/\n/g, '\\n')}`);
let proxyClosed;
const proxyDone = new Promise((r) => (proxyClosed = r));
const proxy = net.createServer((client) => {
  const server = net.connect(upstream);
  client.on('data', (d) => {
    note('C', d);
    server.write(d);
  });
  server.on('data', (d) => {
    note('S', d);
    client.write(d);
  });
  client.on('end', () => server.end());
  server.on('end', () => client.end());
  server.on('close', () => {
    client.destroy();
    proxyClosed();
  });
  client.on('error', () => server.destroy());
  server.on('error', () => client.destroy());
});
await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
const proxyPort = proxy.address().port;

function conn(user, port) {
  let ready;
  let failed;
  const isReady = new Promise((res, rej) => ((ready = res), (failed = rej)));
  const messages = [];
  let onMessage = () => undefined;
  let receipts = 0;
  let gotReceipt;
  const receipt = new Promise((r) => (gotReceipt = r));
  const events = {
    ready: () => ready(),
    failed: (_c, reason) => failed(new Error(`bu${user}: ${reason}`)),
    message: (_c, id, body) => {
      messages.push({ id, body });
      onMessage(id, body);
    },
    receipt: () => {
      receipts++;
      gotReceipt();
    },
    acked: () => undefined,
    error: (_c, code) => console.error(`bu${user}: error ${code}`),
    closed: (_c, reason) => console.error(`bu${user}: closed ${reason}`),
  };
  const target = { transport: 'xmpp', host: '127.0.0.1', port, path: '', domain };
  const c = new XmppConn(target, { user, userName: `bu${user}`, password: 'benchpass1', localAddress: undefined }, (n) => `bu${n}`, events, work);
  return { c, isReady, messages, receipt, receiptCount: () => receipts, setOnMessage: (f) => (onMessage = f) };
}

const a = conn(0, proxyPort);
const b = conn(1, upstream.port);
a.c.open(true);
b.c.open(true);
await Promise.all([a.isReady, b.isReady]);
await new Promise((r) => setTimeout(r, 200)); // presence echoes and the like arrive first
// bu1 answers bu0's message; the test replays bu0's side and checks both
const answered = new Promise((r) => b.setOnMessage(() => (b.c.send(0, 'rec.2', 'r1|0|123456|x&y'), r())));
const got = new Promise((r) => a.setOnMessage(r));
a.c.send(1, 'rec.1', 'r1|0|1|x&y');
await answered;
await got;
await a.c.barrier();
if (work === 'equal') {
  // both receipts have arrived, and the server's last ack requests have been answered
  await Promise.all([a.receipt, b.receipt]);
  await new Promise((r) => setTimeout(r, 300));
}
a.c.close();
await proxyDone;
b.c.close();
proxy.close();
clearTimeout(deadline);
const header = [
  `# A real XMPP c2s exchange recorded from ${serverName ?? url} by bench/peers/record-xmpp.mjs on ${new Date().toISOString().slice(0, 10)}:`,
  work === 'equal'
    ? '# the bench driver with --xmpp-work equal as user bu0 (in-band registration, SASL PLAIN, bind, stream management,\n# presence, one message each way with ack requests and receipts, close), through a logging proxy. Replayed by test/bench/xmpp-driver.test.ts.'
    : '# the bench driver as user bu0 (in-band registration, SASL PLAIN, bind, presence, one message each way,\n# a ping, close), through a logging proxy. Replayed by test/bench/xmpp-driver.test.ts.',
  '# Lines: "C: <bytes the client sent>" and "S: <bytes the server sent>", one line per TCP read, in',
  '# order. The server side is sent only after the client line before it has arrived. \\n in a line means a newline.',
];
writeFileSync(out, `${header.join('\n')}\n${lines.join('\n')}\n`);
console.log(`recorded ${lines.length} chunks to ${out}; bu0 received ${JSON.stringify(a.messages)} and ${a.receiptCount()} receipt(s), bu1 ${b.receiptCount()}`);
