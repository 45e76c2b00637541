// The XMPP driver, so `connect`, `chat` and `offline` run unchanged against ejabberd and Prosody:
// plaintext c2s, optional in-band registration (XEP-0077), SASL PLAIN, bind, session, presence, <message>.
import net from 'node:net';
import { nowUs } from '../clock.js';
import type { Target } from '../types.js';
import type { BenchConn, ConnEvents, ConnOptions } from './types.js';
import { XmlStream, child, escapeXml, type XmlElement } from './xml.js';

const CONNECT_TIMEOUT_MS = 30_000;
const RESOURCE = 'bench';
const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';

type Phase = 'idle' | 'connecting' | 'features' | 'register' | 'auth' | 'features2' | 'bind' | 'session' | 'ready' | 'closed';

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

  constructor(
    private readonly target: Target,
    private readonly opts: ConnOptions,
    private readonly nameOf: (user: number) => string,
    private readonly events: ConnEvents,
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
    return 0;
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

  private onStanza(el: XmlElement): void {
    if (el.name === 'message') return this.onMessage(el);
    if (el.name === 'iq') return this.onIq(el);
    if (el.name === 'stream:features') return this.onFeatures(el);
    if (el.name === 'success') return this.onAuthSuccess();
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
      this.write(ping ? `<iq type='result' id='${escapeXml(id)}'${to}/>` : `<iq type='error' id='${escapeXml(id)}'${to}><error type='cancel'><feature-not-implemented xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
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
      return this.online();
    }
    if (this.phase === 'session' && id === 'sess') {
      if (type !== 'result') return this.fail('SESSION_FAILED');
      return this.online();
    }
    const waiter = this.pingWaiters.get(id);
    if (waiter !== undefined) {
      this.pingWaiters.delete(id);
      waiter();
    }
  }

  private online(): void {
    this.write('<presence/>');
    this.phase = 'ready';
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
    if (body === undefined) return; // chat states and the like
    this.events.message(this, el.attrs.id ?? '', body.text);
  }

  send(toUser: number, id: string, body: string): void {
    if (this.phase !== 'ready') return;
    this.write(`<message to='${this.jid(this.nameOf(toUser))}' id='${id}' type='chat'><body>${escapeXml(body)}</body></message>`);
  }

  heartbeat(): void {
    if (this.phase === 'ready') this.write(' ');
  }

  barrier(): Promise<void> {
    if (this.phase !== 'ready') return Promise.resolve();
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
  }
}

export function createXmppConn(target: Target, opts: ConnOptions, nameOf: (u: number) => string, events: ConnEvents): XmppConn {
  return new XmppConn(target, opts, nameOf, events);
}
