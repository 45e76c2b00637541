// Replays real XMPP exchanges recorded from ejabberd and Prosody (fixtures/xmpp-*-chat.txt, made by
// bench/peers/record-xmpp.mjs) from a tiny node:net server and checks that the XMPP driver sends
// exactly the recorded bytes, in order, and understands the servers' answers; with --xmpp-work equal
// (fixtures/xmpp-ejabberd-chat-equal.txt) also its stream management acks and delivery receipts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XmppConn, type XmppWork } from '../../src/bench/drivers/xmpp.js';
import { XmlStream, type XmlElement } from '../../src/bench/drivers/xml.js';
import type { BenchConn, ConnEvents } from '../../src/bench/drivers/types.js';
import type { Target } from '../../src/bench/types.js';

// the fixture sits in the source tree; tests run from the compiled tree, which mirrors it
const fixture = (name: string) => {
  const compiled = fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
  const source = compiled.replace(/\/(dist|\.tmp\/[^/]+)\/test\/bench\//, '/test/bench/');
  return readFileSync(source, 'utf8');
};

type Line = { who: 'C' | 'S'; text: string };

function parseTranscript(text: string): Line[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('C: ') || l.startsWith('S: '))
    .map((l) => ({ who: l[0] as 'C' | 'S', text: l.slice(3).replace(/\\n/g, '\n') }));
}

/** Serves a transcript: waits for each C line (exactly those bytes, whitespace keepalives skipped), then sends the S lines after it. */
function replayServer(lines: Line[]): Promise<{ port: number; done: Promise<string | null>; close: () => void; at: () => number }> {
  return new Promise((resolve) => {
    let finish: (v: string | null) => void;
    const done = new Promise<string | null>((r) => (finish = r));
    let i = 0;
    const server = net.createServer((sock) => {
      let buf = '';
      i = 0;
      const sendServerLines = () => {
        while (i < lines.length && lines[i].who === 'S') sock.write(lines[i++].text);
        if (i >= lines.length) finish(null);
      };
      sendServerLines();
      sock.setEncoding('utf8');
      sock.on('data', (d: string) => {
        buf += d;
        for (;;) {
          buf = buf.replace(/^\s+/, '');
          if (i >= lines.length || buf === '') return;
          const want = lines[i].text;
          if (buf.length < want.length && want.startsWith(buf)) return; // more to come
          if (!buf.startsWith(want)) {
            finish(`line ${i}: expected ${want}\n got ${buf.slice(0, want.length + 40)}`);
            sock.destroy();
            return;
          }
          buf = buf.slice(want.length);
          i++;
          sendServerLines();
        }
      });
    });
    server.listen(0, '127.0.0.1', () => {
      resolve({ port: (server.address() as net.AddressInfo).port, done, close: () => server.close(), at: () => i });
    });
  });
}

interface Seen {
  ready: number;
  failed: string[];
  messages: { id: string; body: string }[];
  /** Each ack with the sends still unacked right after it. */
  acked: { id: string; unacked: number }[];
  receipts: number;
  errors: string[];
  closed: string[];
}

function recorder(): { events: ConnEvents; seen: Seen; readyP: Promise<void>; failedP: Promise<string> } {
  const seen: Seen = { ready: 0, failed: [], messages: [], acked: [], receipts: 0, errors: [], closed: [] };
  let onReady: () => void;
  let onFailed: (r: string) => void;
  const readyP = new Promise<void>((r) => (onReady = r));
  const failedP = new Promise<string>((r) => (onFailed = r));
  const events: ConnEvents = {
    ready: () => {
      seen.ready++;
      onReady();
    },
    failed: (_c: BenchConn, reason: string) => {
      seen.failed.push(reason);
      onFailed(reason);
    },
    message: (_c, id, body) => seen.messages.push({ id, body }),
    receipt: () => void seen.receipts++,
    acked: (c, id) => void seen.acked.push({ id, unacked: c.unacked }),
    error: (_c, code) => seen.errors.push(code),
    closed: (_c, reason) => seen.closed.push(reason),
  };
  return { events, seen, readyP, failedP };
}

const target = (port: number): Target => ({ transport: 'xmpp', host: '127.0.0.1', port, path: '', domain: 'localhost' });
const opts = { user: 0, userName: 'bu0', password: 'benchpass1', localAddress: undefined };
const nameOf = (u: number) => `bu${u}`;

for (const peer of ['ejabberd', 'prosody']) {
  test(`the XMPP driver follows an exchange recorded from ${peer}: register, PLAIN, bind, presence, message both ways, ping, close`, async () => {
    const lines = parseTranscript(fixture(`xmpp-${peer}-chat.txt`));
    assert.ok(lines.length > 10);
    const srv = await replayServer(lines);
    const { events, seen, readyP } = recorder();
    const conn = new XmppConn(target(srv.port), opts, nameOf, events);
    try {
      conn.open(true);
      await readyP;
      assert.equal(conn.isReady, true);
      await new Promise((r) => setTimeout(r, 50)); // the presence echo arrives, as it did when recorded
      // the same call the recording made; its bytes must match the recorded ones exactly
      conn.send(1, 'rec.1', 'r1|0|1|x&y');
      await conn.barrier();
      assert.deepEqual(seen.messages, [{ id: 'rec.2', body: 'r1|0|123456|x&y' }]);
      conn.close();
      const problem = await Promise.race([srv.done, new Promise<string>((r) => setTimeout(() => r('transcript not finished in 3 s'), 3000))]);
      assert.equal(problem, null);
      assert.deepEqual(seen.failed, []);
      assert.deepEqual(seen.errors, []);
      assert.deepEqual(seen.closed, [], 'our own close is not reported as a drop');
    } finally {
      conn.destroy();
      srv.close();
    }
  });
}

test('a driver that sends other bytes than recorded is caught by the replay', async () => {
  const lines = parseTranscript(fixture('xmpp-ejabberd-chat.txt'));
  const srv = await replayServer(lines);
  const { events, readyP } = recorder();
  const conn = new XmppConn(target(srv.port), opts, nameOf, events);
  try {
    conn.open(true);
    await readyP;
    conn.send(1, 'other-id', 'r1|0|1|x&y');
    const problem = await Promise.race([srv.done, new Promise<string>((r) => setTimeout(() => r('no verdict in 3 s'), 3000))]);
    assert.match(problem ?? '', /expected <message to='bu1@localhost' id='rec\.1'/);
  } finally {
    conn.destroy();
    srv.close();
  }
});

test('a SASL failure fails the login with AUTH_FAILED', async () => {
  const lines = parseTranscript(fixture('xmpp-ejabberd-chat.txt'));
  const authAt = lines.findIndex((l) => l.text.startsWith('<auth '));
  const failing: Line[] = [...lines.slice(0, authAt + 1), { who: 'S', text: "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>" }];
  const srv = await replayServer(failing);
  const { events, seen, failedP } = recorder();
  const conn = new XmppConn(target(srv.port), opts, nameOf, events);
  try {
    conn.open(true);
    assert.equal(await failedP, 'AUTH_FAILED');
    assert.equal(seen.ready, 0);
    assert.equal(conn.isReady, false);
  } finally {
    conn.destroy();
    srv.close();
  }
});

test('a refused registration (not a conflict) fails with its reason', async () => {
  const lines = parseTranscript(fixture('xmpp-ejabberd-chat.txt'));
  const regAt = lines.findIndex((l) => l.text.includes("id='reg'"));
  const refused: Line[] = [...lines.slice(0, regAt + 1), { who: 'S', text: "<iq type='error' id='reg'><error type='cancel'><not-allowed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>" }];
  const srv = await replayServer(refused);
  const { events, failedP } = recorder();
  const conn = new XmppConn(target(srv.port), opts, nameOf, events);
  try {
    conn.open(true);
    assert.equal(await failedP, 'REGISTER_not-allowed');
  } finally {
    conn.destroy();
    srv.close();
  }
});

test('a connection refused fails the attempt with the socket error code', async () => {
  const srv = net.createServer();
  const port = await new Promise<number>((r) => srv.listen(0, '127.0.0.1', () => r((srv.address() as net.AddressInfo).port)));
  await new Promise<void>((r) => srv.close(() => r()));
  const { events, failedP } = recorder();
  const conn = new XmppConn(target(port), opts, nameOf, events);
  conn.open(false);
  assert.equal(await failedP, 'ECONNREFUSED');
});

test('the XML tokenizer yields the same stanzas however the bytes are split', () => {
  const text =
    "<?xml version='1.0'?><stream:stream xmlns='jabber:client' id=\"a>b\"><message to='x' id='1'><body>a &lt;b&gt; &amp; &#x263A;</body></message>" +
    "<iq type='result' id='2'/><!-- c --><presence><show>away</show></presence></stream:stream>";
  const run = (chunks: string[]) => {
    const out: (XmlElement | string)[] = [];
    const x = new XmlStream({ streamStart: (a) => out.push(`start ${a.id}`), stanza: (el) => out.push(el), streamEnd: () => out.push('end') });
    for (const c of chunks) x.push(c);
    return out;
  };
  const whole = run([text]);
  assert.equal(whole.length, 5);
  assert.equal(whole[0], 'start a>b');
  const msg = whole[1] as XmlElement;
  assert.equal(msg.name, 'message');
  assert.equal(msg.children[0].text, 'a <b> & \u263a');
  assert.equal((whole[2] as XmlElement).attrs.type, 'result');
  assert.equal((whole[3] as XmlElement).children[0].text, 'away');
  assert.equal(whole[4], 'end');
  assert.deepEqual(run([...text]), whole, 'one character at a time');
  for (let cut = 1; cut < text.length; cut += 7) assert.deepEqual(run([text.slice(0, cut), text.slice(cut)]), whole);
});

test('the XML tokenizer refuses mismatched closing tags', () => {
  const x = new XmlStream({ streamStart: () => undefined, stanza: () => undefined, streamEnd: () => undefined });
  x.push("<stream:stream><message><body>");
  assert.throws(() => x.push('</message>'), /closes <body>/);
});

// ---- --xmpp-work equal: stream management (XEP-0198) and delivery receipts (XEP-0184) ----

const waitFor = async (what: string, ok: () => boolean, ms = 3000) => {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) assert.fail(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
};
const finished = (done: Promise<string | null>) => Promise.race([done, new Promise<string>((r) => setTimeout(() => r('transcript not finished in 3 s'), 3000))]);
const equalLines = () => parseTranscript(fixture('xmpp-ejabberd-chat-equal.txt'));
/** The recorded equal-work login up to and including the client's <presence/>, then `more`. */
const afterPresence = (more: Line[]): Line[] => {
  const lines = equalLines();
  return [...lines.slice(0, lines.findIndex((l) => l.text === '<presence/>') + 1), ...more];
};
const C = (text: string): Line => ({ who: 'C', text });
const S = (text: string): Line => ({ who: 'S', text });
const SM = "xmlns='urn:xmpp:sm:3'";

async function withConn(lines: Line[], work: XmppWork, body: (conn: XmppConn, seen: Seen, done: Promise<string | null>, at: () => number) => Promise<void>): Promise<void> {
  const srv = await replayServer(lines);
  const { events, seen, readyP } = recorder();
  const conn = new XmppConn(target(srv.port), opts, nameOf, events, work);
  try {
    conn.open(true);
    await readyP;
    await body(conn, seen, srv.done, srv.at);
  } finally {
    conn.destroy();
    srv.close();
  }
}

test('equal work follows an exchange recorded from ejabberd: stream management on after bind, each message acked by <a h/>, receipts both ways', async () => {
  const lines = equalLines();
  const firstAnswer = lines.findIndex((l) => l.text === `<a ${SM} h='1'/>`);
  const lastAnswer = lines.findIndex((l) => l.text === `<a ${SM} h='3'/>`);
  assert.ok(firstAnswer > 0 && lastAnswer > firstAnswer);
  await withConn(lines, 'equal', async (conn, seen, done, at) => {
    // the server's <r/> after the presence echo is answered before the message is sent, as recorded
    await waitFor("the presence echo's <r/> answered", () => at() > firstAnswer);
    conn.send(1, 'rec.1', 'r1|0|1|x&y');
    assert.equal(conn.unacked, 1, 'a message waits for its ack');
    await conn.barrier();
    assert.equal(conn.unacked, 0);
    assert.deepEqual(seen.acked, [{ id: 'rec.1', unacked: 0 }], "h='2' covers the presence and the message: one chat message acked");
    await waitFor('receipt and answer', () => seen.receipts === 1 && seen.messages.length === 1);
    assert.deepEqual(seen.messages, [{ id: 'rec.2', body: 'r1|0|123456|x&y' }]);
    // the recording goes on with our receipt for rec.2 to bu1's full JID and <a h='2'/>, then <a h='3'/>: the replay checks those bytes
    await waitFor("the last <r/> answered with <a h='3'/>", () => at() > lastAnswer);
    conn.close();
    assert.equal(await finished(done), null);
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.failed, []);
  });
});

test('equal work: an <a h/> acks exactly the chat messages among the stanzas it covers, in order, and the send window sees it', async () => {
  const msg = (id: string) => `<message to='bu1@localhost' id='${id}' type='chat'><body>b</body><request xmlns='urn:xmpp:receipts'/></message><r ${SM}/>`;
  // h counts every stanza since <enable/>: the presence is 1, m1 2, m2 3, m3 4
  const lines = afterPresence([
    C(msg('m1')),
    S(`<a ${SM} h='2'/>`),
    C(msg('m2')),
    C(msg('m3')),
    S(`<a ${SM} h='4'/>`),
  ]);
  await withConn(lines, 'equal', async (conn, seen, done) => {
    conn.send(1, 'm1', 'b');
    conn.send(1, 'm2', 'b');
    conn.send(1, 'm3', 'b');
    assert.equal(conn.unacked, 3);
    await waitFor('all acked', () => seen.acked.length === 3);
    assert.deepEqual(seen.acked, [{ id: 'm1', unacked: 2 }, { id: 'm2', unacked: 1 }, { id: 'm3', unacked: 0 }]);
    assert.equal(await finished(done), null);
    assert.deepEqual(seen.errors, []);
  });
});

test('equal work: our h counts the stanzas received since <enabled/> and answers every <r/>; receipts are answered to the full JID and reported at the sender', async () => {
  const incoming = (id: string) => `<message to='bu0@localhost' from='bu1@localhost/bench' type='chat' id='${id}'><body>x</body><request xmlns='urn:xmpp:receipts'/></message>`;
  const receiptFor = (id: string) => `<message to='bu1@localhost/bench' id='${id}'><received xmlns='urn:xmpp:receipts' id='${id}'/></message>`;
  const lines = afterPresence([
    // presence echo (1), two messages (2, 3): the <r/> after them asks for h=3
    S(`<presence to='bu0@localhost/bench' from='bu0@localhost/bench'/>${incoming('i1')}${incoming('i2')}<r ${SM}/>`),
    C(receiptFor('i1')),
    C(receiptFor('i2')),
    C(`<a ${SM} h='3'/>`),
    // a receipt for our message (4), an iq result (5), a message without a receipt request (6)
    S(`<message from='bu1@localhost/bench' to='bu0@localhost/bench' id='m1'><received xmlns='urn:xmpp:receipts' id='m1'/></message><iq type='result' id='x'/><message from='bu1@localhost/bench' id='i3' type='chat'><body>y</body></message><r ${SM}/>`),
    C(`<a ${SM} h='6'/>`),
  ]);
  await withConn(lines, 'equal', async (_conn, seen, done) => {
    assert.equal(await finished(done), null);
    await waitFor('receipt', () => seen.receipts === 1);
    assert.deepEqual(seen.messages.map((m) => m.id), ['i1', 'i2', 'i3']);
    assert.deepEqual(seen.errors, []);
  });
});

test('equal work: an <a h/> beyond what was sent is reported, and acks what there was', async () => {
  const lines = afterPresence([
    C(`<message to='bu1@localhost' id='m1' type='chat'><body>b</body><request xmlns='urn:xmpp:receipts'/></message><r ${SM}/>`),
    S(`<a ${SM} h='7'/>`),
  ]);
  await withConn(lines, 'equal', async (conn, seen, done) => {
    conn.send(1, 'm1', 'b');
    await waitFor('ack', () => seen.acked.length === 1);
    assert.equal(conn.unacked, 0);
    assert.deepEqual(seen.errors, ['SM_ACK_BEYOND_SENT']);
    assert.equal(await finished(done), null);
  });
});

test('equal work needs stream management: a server that does not offer it, or refuses it, fails the login', async () => {
  // the plain recording's server offers no <sm/>
  const plain = parseTranscript(fixture('xmpp-ejabberd-chat.txt'));
  const srv = await replayServer(plain.slice(0, plain.findIndex((l) => l.text.includes("id='bind'") && l.who === 'S') + 1));
  const a = recorder();
  const conn = new XmppConn(target(srv.port), opts, nameOf, a.events, 'equal');
  try {
    conn.open(true);
    assert.equal(await a.failedP, 'SM_NOT_OFFERED');
  } finally {
    conn.destroy();
    srv.close();
  }
  const lines = equalLines();
  const refused = [...lines.slice(0, lines.findIndex((l) => l.text.startsWith('<enable ')) + 1), S("<failed xmlns='urn:xmpp:sm:3'><unexpected-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>")];
  const srv2 = await replayServer(refused);
  const b = recorder();
  const conn2 = new XmppConn(target(srv2.port), opts, nameOf, b.events, 'equal');
  try {
    conn2.open(true);
    assert.equal(await b.failedP, 'SM_FAILED');
    assert.equal(b.seen.ready, 0);
  } finally {
    conn2.destroy();
    srv2.close();
  }
});
