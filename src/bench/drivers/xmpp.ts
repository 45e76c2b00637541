// The XMPP driver, so `connect`, `chat` and `offline` run unchanged against ejabberd and Prosody:
// plaintext c2s, optional in-band registration (XEP-0077), SASL PLAIN, bind, session, presence, <message>.
// With work 'equal' it also does per message what Atoll's protocol does: Stream Management (XEP-0198)
// acks stand for Atoll's SendAck, and delivery receipts (XEP-0184) for Atoll's "delivered" receipt.
import net from 'node:net';
import { nowUs } from '../clock.js';
import type { Target } from '../types.js';
import type { BenchConn, ConnEvents, ConnOptions } from './types.js';
import { XmlStream, child, escapeXml, type XmlElement } from './xml.js';

const CONNECT_TIMEOUT_MS = 30_000;
const RESOURCE = 'bench';
const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const NS_SM = 'urn:xmpp:sm:3';
const NS_RECEIPTS = 'urn:xmpp:receipts';

/**
 * 'plain': <message> only, as a minimal client does. 'equal': the work Atoll does per message, so the
 * servers are compared doing the same: every message is followed by an ack request (<r/>) that the
 * server answers with <a h/> once it has handled it, and carries a receipt request that the
 * recipient's device answers with <received/>, which the server routes back to the sender.
 */
export type XmppWork = 'plain' | 'equal';
export const XMPP_WORKS: readonly XmppWork[] = ['plain', 'equal'];

type Phase = 'idle' | 'connecting' | 'features' | 'register' | 'auth' | 'features2' | 'bind' | 'session' | 'enable' | 'ready' | 'closed';

/** Stanzas counted by XEP-0198's h (everything else on the stream, <r/>, <a/>, features, is not). */
const STANZAS = new Set(['message', 'presence', 'iq']);
const U32 = 0x1_0000_0000;

/** Writes waiting per socket; flushed once per tick so a burst of stanzas costs one syscall. */
const dirty: XmppConn[] = [];
let flushScheduled = false;

function scheduleFlush(conn: XmppConn): void {
  if (conn.queued) return;
  conn.queued = true;
  dirty.push(conn);
  if (flushScheduled) return;
  flushScheduled = true;
  setImmediate(() => {
    flushScheduled = false;
    for (const c of dirty.splice(0, dirty.length)) {
      c.queued = false;
      c.flush();
    }
  });
}

export class XmppConn implements BenchConn {
  queued = false;
  private phase: Phase = 'idle';
  private socket: net.Socket | null = null;
  private xml: XmlStream;
  private out = '';
  private startedUs = 0;
  private register = false;
  private sessionNeeded = false;
  private iq = 0;
  private pingWaiters = new Map<string, () => void>();
  private timer: NodeJS.Timeout | null = null;
  private closing = false;
  private smOffered = false;
  // Stream Management (work 'equal'), counted from <enabled/> on:
  /** Stanzas received from the server (our h, mod 2^32). */
  private inbound = 0;
  /** The server's last h: how many of our stanzas it has handled (mod 2^32). */
  private serverH = 0;
  /** Our stanzas the server has not acked yet, oldest first: a chat message's id, or null for any other stanza. */
  private unackedOut: (string | null)[] = [];
  private unackedHead = 0;
  private pendingSends = 0;
  private ackWaiters: (() => void)[] = [];

  constructor(
    private readonly target: Target,
    private readonly opts: ConnOptions,
    private readonly nameOf: (user: number) => string,
    private readonly events: ConnEvents,
    private readonly work: XmppWork = 'plain',
  ) {
    this.xml = new XmlStream({
      streamStart: () => undefined,
      stanza: (el) => this.onStanza(el),
      streamEnd: () => this.fail('STREAM_END'),
    });
  }

  get user(): number {
    return this.opts.user;
  }
  get isReady(): boolean {
    return this.phase === 'ready';
  }
  get unacked(): number {
    return this.pendingSends;
  }

  private jid(name: string): string {
    return `${name}@${this.target.domain}`;
  }

  open(register: boolean): void {
    if (this.phase !== 'idle' && this.phase !== 'closed') return;
    this.register = register;
    this.closing = false;
    this.phase = 'connecting';
    this.startedUs = nowUs();
    this.out = '';
    this.inbound = 0;
    this.serverH = 0;
    this.unackedOut = [];
    this.unackedHead = 0;
    this.pendingSends = 0;
    this.xml.reset();
    this.timer = setTimeout(() => this.fail('CONNECT_TIMEOUT'), CONNECT_TIMEOUT_MS);
    const socket = net.connect({ host: this.target.host, port: this.target.port, localAddress: this.opts.localAddress });
    socket.setNoDelay(true);
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      this.phase = 'features';
      this.streamHeader();
    });
    socket.on('data', (chunk: string) => {
      try {
        this.xml.push(chunk);
      } catch (err) {
        this.events.error(this, 'BAD_XML_FROM_SERVER');
        this.fail(`BAD_XML: ${(err as Error).message}`);
      }
    });
    // Events of a socket this connection already replaced (after a reconnect) are ignored.
    socket.on('error', (err: NodeJS.ErrnoException) => { if (this.socket === socket) this.onGone(err.code ?? 'SOCKET_ERROR'); });
    socket.on('close', () => { if (this.socket === socket) this.onGone('CLOSED'); });
    this.socket = socket;
  }

  private streamHeader(): void {
    this.write(
      `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='${escapeXml(this.target.domain)}' version='1.0'>`,
    );
  }

  private write(s: string): void {
    this.out += s;
    scheduleFlush(this);
  }

  flush(): void {
    if (this.socket === null || this.out === '') return;
    const s = this.out;
    this.out = '';
    this.socket.write(s);
  }

  /** Writes a stanza; once SM is on, it waits in the unacked queue (`id`: a chat message's id) until an <a h/> covers it. */
  private stanza(s: string, id: string | null = null): void {
    if (this.phase === 'ready' && this.work === 'equal') this.unackedOut.push(id);
    this.write(s);
  }

  private onStanza(el: XmlElement): void {
    if (this.phase === 'ready' && this.work === 'equal' && STANZAS.has(el.name)) this.inbound = (this.inbound + 1) % U32;
    if (el.name === 'message') return this.onMessage(el);
    if (el.name === 'iq') return this.onIq(el);
    if (el.name === 'stream:features') return this.onFeatures(el);
    if (el.name === 'success') return this.onAuthSuccess();
    if (el.name === 'r' && this.work === 'equal') return this.write(`<a xmlns='${NS_SM}' h='${this.inbound}'/>`);
    if (el.name === 'a') return this.onAck(el);
    if (el.name === 'enabled' && this.phase === 'enable') return this.online();
    if (el.name === 'failed' && this.phase === 'enable') {
      this.events.error(this, 'SM_FAILED');
      return this.fail('SM_FAILED');
    }
    if (el.name === 'failure') {
      this.events.error(this, 'AUTH_FAILED');
      return this.fail('AUTH_FAILED');
    }
    if (el.name === 'stream:error') {
      const reason = el.children[0]?.name ?? 'unknown';
      this.events.error(this, `STREAM_ERROR_${reason}`);
      return this.fail(`STREAM_ERROR_${reason}`);
    }
    // presence and anything else: not needed by the scenarios
  }

  private onFeatures(el: XmlElement): void {
    if (this.phase === 'features') {
      if (this.register) {
        this.phase = 'register';
        const u = escapeXml(this.opts.userName);
        const p = escapeXml(this.opts.password);
        this.write(`<iq type='set' id='reg'><query xmlns='jabber:iq:register'><username>${u}</username><password>${p}</password></query></iq>`);
        return;
      }
      return this.auth();
    }
    if (this.phase === 'features2') {
      this.sessionNeeded = child(el, 'session') !== undefined && child(child(el, 'session')!, 'optional') === undefined;
      this.smOffered = el.children.some((c) => c.name === 'sm' && c.attrs.xmlns === NS_SM);
      this.phase = 'bind';
      this.write(`<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>${RESOURCE}</resource></bind></iq>`);
    }
  }

  private auth(): void {
    this.phase = 'auth';
    const creds = Buffer.from(`\0${this.opts.userName}\0${this.opts.password}`, 'utf8').toString('base64');
    this.write(`<auth xmlns='${NS_SASL}' mechanism='PLAIN'>${creds}</auth>`);
  }

  private onAuthSuccess(): void {
    this.phase = 'features2';
    this.xml.restart();
    this.streamHeader();
  }

  private onIq(el: XmlElement): void {
    const id = el.attrs.id ?? '';
    const type = el.attrs.type;
    if (type === 'get' || type === 'set') {
      // answer server pings and anything else briefly, so the server does not wait on us
      const to = el.attrs.from ? ` to='${escapeXml(el.attrs.from)}'` : '';
      const ping = child(el, 'ping') !== undefined;
      this.stanza(ping ? `<iq type='result' id='${escapeXml(id)}'${to}/>` : `<iq type='error' id='${escapeXml(id)}'${to}><error type='cancel'><feature-not-implemented xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
      return;
    }
    if (this.phase === 'register' && id === 'reg') {
      // 'result' registered the account; a <conflict/> error means it already exists: both are fine
      const conflict = type === 'error' && child(el, 'error')?.children.some((c) => c.name === 'conflict');
      if (type === 'result' || conflict) return this.auth();
      const reason = child(el, 'error')?.children[0]?.name ?? 'unknown';
      this.events.error(this, `REGISTER_${reason}`);
      return this.fail(`REGISTER_${reason}`, reason === 'resource-constraint' || reason === 'not-acceptable' ? 1000 : undefined);
    }
    if (this.phase === 'bind' && id === 'bind') {
      if (type !== 'result') return this.fail('BIND_FAILED');
      if (this.sessionNeeded) {
        this.phase = 'session';
        this.write(`<iq type='set' id='sess'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>`);
        return;
      }
      return this.bound();
    }
    if (this.phase === 'session' && id === 'sess') {
      if (type !== 'result') return this.fail('SESSION_FAILED');
      return this.bound();
    }
    const waiter = this.pingWaiters.get(id);
    if (waiter !== undefined) {
      this.pingWaiters.delete(id);
      waiter();
    }
  }

  /** Bound (and session started): with work 'equal', Stream Management goes on before any stanza is exchanged. */
  private bound(): void {
    if (this.work === 'plain') return this.online();
    if (!this.smOffered) {
      this.events.error(this, 'SM_NOT_OFFERED');
      return this.fail('SM_NOT_OFFERED');
    }
    this.phase = 'enable';
    this.write(`<enable xmlns='${NS_SM}'/>`);
  }

  private online(): void {
    this.phase = 'ready';
    this.stanza('<presence/>');
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.events.ready(this, this.startedUs);
  }

  private onMessage(el: XmlElement): void {
    const body = child(el, 'body');
    if (el.attrs.type === 'error') {
      this.events.error(this, `MESSAGE_ERROR_${child(el, 'error')?.children[0]?.name ?? 'unknown'}`);
      return;
    }
    if (body === undefined) {
      if (this.work === 'equal' && el.children.some((c) => c.name === 'received' && c.attrs.xmlns === NS_RECEIPTS)) this.events.receipt(this);
      return; // chat states and the like
    }
    const id = el.attrs.id ?? '';
    if (this.work === 'equal' && el.attrs.from !== undefined && el.children.some((c) => c.name === 'request' && c.attrs.xmlns === NS_RECEIPTS)) {
      // the device got it: tell the sender (its full JID, as XEP-0184 asks), as Atoll's ack of a Deliver makes the server do
      this.stanza(`<message to='${escapeXml(el.attrs.from)}' id='${escapeXml(id)}'><received xmlns='${NS_RECEIPTS}' id='${escapeXml(id)}'/></message>`);
    }
    this.events.message(this, id, body.text);
  }

  /** The server handled our stanzas up to h: the chat messages among them are acked, as Atoll's SendAck acks a Send. */
  private onAck(el: XmlElement): void {
    const h = Number(el.attrs.h);
    if (this.phase !== 'ready' || !Number.isInteger(h) || h < 0 || h >= U32) return void this.events.error(this, 'SM_BAD_ACK');
    let n = (h - this.serverH + U32) % U32;
    const queued = this.unackedOut.length - this.unackedHead;
    if (n > queued) {
      // more than we sent: count what we can and say so; the figures would be wrong otherwise
      this.events.error(this, 'SM_ACK_BEYOND_SENT');
      n = queued;
    }
    this.serverH = h;
    for (let i = 0; i < n; i++) {
      const id = this.unackedOut[this.unackedHead++];
      if (id !== null) {
        this.pendingSends--;
        this.events.acked(this, id);
      }
    }
    // drop the acked head now and then rather than shifting on every ack
    if (this.unackedHead === this.unackedOut.length) {
      this.unackedOut = [];
      this.unackedHead = 0;
    } else if (this.unackedHead > 1024 && this.unackedHead * 2 > this.unackedOut.length) {
      this.unackedOut = this.unackedOut.slice(this.unackedHead);
      this.unackedHead = 0;
    }
    if (this.pendingSends === 0) this.wakeAckWaiters();
  }

  private wakeAckWaiters(): void {
    const ws = this.ackWaiters;
    this.ackWaiters = [];
    for (const w of ws) w();
  }

  send(toUser: number, id: string, body: string): void {
    if (this.phase !== 'ready') return;
    const to = this.jid(this.nameOf(toUser));
    if (this.work === 'plain') {
      this.write(`<message to='${to}' id='${id}' type='chat'><body>${escapeXml(body)}</body></message>`);
      return;
    }
    this.pendingSends++;
    // one ack request per message, as Atoll acks every Send; it goes out in the same write
    this.stanza(`<message to='${to}' id='${id}' type='chat'><body>${escapeXml(body)}</body><request xmlns='${NS_RECEIPTS}'/></message>`, id);
    this.write(`<r xmlns='${NS_SM}'/>`);
  }

  heartbeat(): void {
    if (this.phase === 'ready') this.write(' ');
  }

  barrier(): Promise<void> {
    if (this.phase !== 'ready') return Promise.resolve();
    if (this.work === 'equal') {
      // every message already asked for its ack: wait for them, as the Atoll driver waits for its SendAcks
      if (this.pendingSends === 0) return Promise.resolve();
      return new Promise((resolve) => this.ackWaiters.push(resolve));
    }
    const id = `p${++this.iq}`;
    this.write(`<iq type='get' id='${id}' to='${escapeXml(this.target.domain)}'><ping xmlns='urn:xmpp:ping'/></iq>`);
    return new Promise((resolve) => this.pingWaiters.set(id, resolve));
  }

  close(): void {
    if (this.socket === null) return;
    this.closing = true;
    this.write('</stream:stream>');
    this.flush();
    this.socket.end();
    this.finish();
  }

  destroy(): void {
    if (this.socket === null) return;
    this.closing = true;
    this.socket.destroy();
    this.finish();
  }

  private fail(reason: string, retryAfterMs?: number): void {
    if (this.phase === 'closed' || this.phase === 'idle') return;
    const wasReady = this.phase === 'ready';
    this.closing = true;
    this.socket?.destroy();
    this.finish();
    if (wasReady) this.events.closed(this, reason);
    else this.events.failed(this, reason, retryAfterMs);
  }

  private onGone(reason: string): void {
    if (!this.closing) this.fail(reason);
  }

  private finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.socket = null;
    this.phase = 'closed';
    for (const w of this.pingWaiters.values()) w();
    this.pingWaiters.clear();
    this.wakeAckWaiters();
  }
}

export function createXmppConn(target: Target, opts: ConnOptions, nameOf: (u: number) => string, events: ConnEvents, work: XmppWork = 'plain'): XmppConn {
  return new XmppConn(target, opts, nameOf, events, work);
}
