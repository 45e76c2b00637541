// `atoll chat`: a small interactive terminal client. One peer at a time (/to USER); plain lines
// are sent to it; messages, receipt ticks, typing and presence are printed as they happen.
// Listeners go on before login, so what arrived while offline is shown; at the end of input it
// waits for every send to be confirmed, and its exit status says whether all were.
import { createInterface, emitKeypressEvents, type Interface } from 'node:readline';
import { AtollError, Client, type ClientState, type PresenceEvent, type ReceivedMessage, type ReceivedReceipt } from '../client/index.js';
import { parseArgs } from './args.js';
import { ExitCode, usageError } from './errors.js';
import { CONNECTION_FLAGS, clientOptions, describeFailure, withDeadline } from './client-session.js';

const LOGIN_DEADLINE_MS = 30_000;
// At the end of input, how long sends still on their way may take to be confirmed.
const LEAVE_DEADLINE_MS = 30_000;
// Send "typing" at most this often while keys are pressed: keeps the peer informed without flooding.
const TYPING_EVERY_MS = 3_000;
// A peer's "is typing…" is printed once per burst; a burst with no news for this long is over.
const TYPING_BURST_MS = 10_000;
// Receipts name the message by its text; remember that many of my recent messages.
const MAX_REMEMBERED_SENDS = 1_000;

const HELP = `commands: /to USER  talk to USER (and follow their presence) · /quit  leave · /help  this text
ticks: ✓ sent · ✓✓ delivered · ✓✓ read`;

export async function chat(argv: readonly string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { ...CONNECTION_FLAGS, user: 'string', device: 'string' }, 'chat');
  if (positionals.length > 0) throw usageError(`atoll chat: unexpected argument "${positionals[0]}" (see atoll help chat)`);
  const options = clientOptions(flags, 'chat', 'cli-chat');
  const client = new Client({ ...options, reconnect: true, autoAck: true });
  // Before login: the backlog comes right after LoginOk and must find the listeners in place.
  const session = new ChatSession(client, options.user, options.server);
  try {
    await withDeadline(LOGIN_DEADLINE_MS, 'chat', async () => {
      await client.connect();
      await client.login();
    });
  } catch (err) {
    await client.close().catch(() => {});
    throw describeFailure(err, 'chat', options.server);
  }
  try {
    return await session.run();
  } finally {
    await client.close().catch(() => {});
  }
}

class ChatSession {
  private peer: string | undefined;
  /** Texts of my messages by id, so receipts can say which message they are about. */
  private readonly sent = new Map<string, { to: string; text: string }>();
  /** When each user's "is typing…" line was last printed, so a burst prints once. */
  private readonly typingShown = new Map<string, number>();
  private lastTypingSent = 0;
  private lastError: AtollError | undefined;
  private reconnecting = false;
  private loggedIn = false;
  /** Set once run() started: a close before that is login's failure, reported by chat(). */
  private started = false;
  /** Set once the user leaves, so our own close is not reported as a failure. */
  private quitting = false;
  /** Sends, marks and subscriptions still on their way; leaving waits for them. */
  private readonly inFlight = new Set<Promise<void>>();
  private sends = 0;
  private failedSends = 0;
  private firstSendFailure: unknown;
  /** Created after login, so lines piped in before it are not sent too early. */
  private rl: Interface | undefined;
  private readonly tty: boolean;
  private finish: (code: number) => void = () => {};

  constructor(
    private readonly client: Client,
    private readonly me: string,
    private readonly server: string,
  ) {
    this.tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
    client.on('login', () => this.onLogin());
    client.on('message', (m: ReceivedMessage) => this.onMessage(m));
    client.on('receipt', (r: ReceivedReceipt) => this.onReceipt(r));
    client.on('typing', (t: { from: string; active: boolean }) => this.onTyping(t.from, t.active));
    client.on('presence', (p: PresenceEvent) => this.onPresence(p));
    client.on('error', (e) => this.onError(e));
    client.on('state', (state) => this.onState(state));
  }

  run(): Promise<number> {
    const done = new Promise<number>((resolve) => (this.finish = resolve));
    this.started = true;
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: this.tty });
    this.rl = rl;
    rl.on('line', (line) => void this.onLine(line));
    rl.on('close', () => void this.leave());
    rl.on('SIGINT', () => rl.close());
    if (this.tty) this.watchKeys();
    rl.setPrompt(this.tty ? `${this.me}> ` : '');
    this.prompt();
    return done;
  }

  /** Prints above the input line without mangling what the user is typing. */
  private print(line: string): void {
    if (!this.tty) {
      process.stdout.write(`${line}\n`);
      return;
    }
    process.stdout.write(`\r\x1b[K${line}\n`);
    if (this.rl !== undefined && !this.quitting) this.rl.prompt(true);
  }

  /** The first login prints the greeting, before the backlog that follows it. */
  private onLogin(): void {
    if (this.loggedIn) return;
    this.loggedIn = true;
    this.print(`logged in as ${this.me}. ${HELP}`);
  }

  /** Runs `work` and keeps it in `inFlight` until it settles (it reports its own errors). */
  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  /**
   * End of input, /quit or Ctrl-C: waits (bounded) for what is still on its way, then exits 0 only
   * if every message of the session was confirmed.
   */
  private async leave(): Promise<void> {
    if (this.quitting) return;
    this.quitting = true;
    if (this.inFlight.size > 0 && this.tty) process.stdout.write(`waiting for the server to confirm what is on its way…\n`);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), LEAVE_DEADLINE_MS)));
    const outcome = await Promise.race([Promise.allSettled([...this.inFlight]), deadline]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      process.stderr.write(`atoll chat: messages still not confirmed after ${LEAVE_DEADLINE_MS / 1000}s; they may or may not be stored: send them again to be sure\n`);
      return this.finish(ExitCode.unavailable);
    }
    if (this.failedSends === 0) return this.finish(ExitCode.ok);
    const first = this.firstSendFailure;
    process.stderr.write(`atoll chat: ${this.failedSends} of ${this.sends} message(s) not sent; the first: ${errorText(first)}\n`);
    // 2 when the server refused one, 3 when one could not reach it.
    this.finish(describeFailure(first, 'chat', this.server).exitCode);
  }

  private async onLine(raw: string): Promise<void> {
    const line = raw.trim();
    if (line === '') return this.prompt();
    if (line === '/quit' || line === '/exit') return this.rl?.close();
    if (line === '/help') return this.print(HELP);
    if (line.startsWith('/to')) return this.choosePeer(line.slice(3).trim());
    if (line.startsWith('/')) return this.print(`unknown command ${line.split(/\s/)[0]}; ${HELP}`);
    if (this.peer === undefined) return this.print('pick someone to talk to first: /to USER');
    this.lastTypingSent = 0;
    await this.send(this.peer, raw);
  }

  private prompt(): void {
    if (this.tty) this.rl?.prompt();
  }

  private async choosePeer(user: string): Promise<void> {
    if (user === '' || /\s/.test(user)) return this.print('usage: /to USER');
    const previous = this.peer;
    this.peer = user;
    this.print(`talking to ${user}`);
    // Follow only the current peer's presence: the server bounds subscriptions per connection.
    if (previous !== undefined && previous !== user) void this.track(this.client.unsubscribe([previous]).catch(() => {}));
    await this.track(this.client.subscribe([user]).catch((err: unknown) => {
      this.print(`! cannot follow ${user}'s presence: ${errorText(err)}`);
    }));
  }

  private send(to: string, text: string): Promise<void> {
    this.sends++;
    return this.track(this.client.send(to, text).then(({ id, sentAt }) => {
      this.remember(id, to, text);
      this.print(`[${clock(sentAt)}] you → ${to}: ${text}  ✓`);
    }, (err: unknown) => {
      if (this.failedSends++ === 0) this.firstSendFailure = err;
      this.print(`✗ not sent to ${to}: ${errorText(err)}`);
    }));
  }

  private remember(id: string, to: string, text: string): void {
    this.sent.set(id, { to, text });
    if (this.sent.size > MAX_REMEMBERED_SENDS) this.sent.delete(this.sent.keys().next().value as string);
  }

  private onMessage(m: ReceivedMessage): void {
    if (m.outgoing) {
      this.remember(m.id, m.to, m.text);
      this.print(`[${clock(m.sentAt)}] you (${m.fromDevice}) → ${m.to}: ${m.text}`);
      return;
    }
    this.typingShown.delete(m.from);
    this.print(`[${clock(m.sentAt)}] ${m.from}: ${m.text}`);
    // Shown on screen is what "read" means for this client.
    void this.track(this.client.markRead(m.from, [m.id]).catch((err: unknown) => this.print(`! could not mark read: ${errorText(err)}`)));
  }

  private onReceipt(r: ReceivedReceipt): void {
    for (const id of r.ids) {
      const mine = this.sent.get(id);
      const what = mine ? `: ${mine.text}` : ` (${id})`;
      this.print(`  ✓✓ ${r.kind === 'read' ? 'read by' : 'delivered to'} ${r.by}${what}`);
      if (r.kind === 'read') this.sent.delete(id);
    }
  }

  private onTyping(from: string, active: boolean): void {
    if (!active) {
      this.typingShown.delete(from);
      return;
    }
    const now = Date.now();
    const shownAt = this.typingShown.get(from);
    this.typingShown.set(from, now);
    if (shownAt !== undefined && now - shownAt < TYPING_BURST_MS) return;
    this.print(`${from} is typing…`);
  }

  private onPresence(p: PresenceEvent): void {
    if (p.state === 'online') {
      this.print(`${p.user} is online`);
      return;
    }
    this.typingShown.delete(p.user);
    // lastSeen is 0 when hidden or unknown.
    const seen = p.lastSeen > 0 ? ` (last seen ${new Date(p.lastSeen).toLocaleString()})` : '';
    this.print(`${p.user} is offline${seen}`);
  }

  private onError(e: AtollError): void {
    this.lastError = e;
    this.print(`! ${errorText(e)}`);
  }

  /** The SDK reconnects by itself; it closes only when retrying cannot help (bad password, replaced session). */
  private onState(state: ClientState): void {
    if (state === 'reconnecting' && !this.reconnecting) {
      this.reconnecting = true;
      this.print('connection lost; reconnecting…');
    } else if (state === 'live' && this.reconnecting) {
      this.reconnecting = false;
      this.print('reconnected');
    } else if (state === 'closed' && this.started && !this.quitting) {
      const failure = describeFailure(this.lastError ?? new AtollError('CLOSED', 'the connection closed'), 'chat', this.server);
      process.stderr.write(`${failure.message}\n`);
      this.finish(failure.exitCode);
    }
  }

  /** On a terminal, tells the peer we are typing (throttled). */
  private watchKeys(): void {
    emitKeypressEvents(process.stdin);
    process.stdin.on('keypress', (_ch: string, key: { name?: string } | undefined) => {
      if (this.peer === undefined || key?.name === 'return') return;
      const now = Date.now();
      if (now - this.lastTypingSent < TYPING_EVERY_MS) return;
      this.lastTypingSent = now;
      this.client.typing(this.peer, true);
    });
  }
}

function errorText(err: unknown): string {
  // AtollError messages from the server already start with their code (AUTH_FAILED: ...).
  const message = err instanceof Error ? err.message : String(err);
  const code = err instanceof AtollError ? err.code : undefined;
  return code !== undefined && !message.startsWith(code) ? `${code}: ${message}` : message;
}

function clock(ms: number): string {
  return new Date(ms).toTimeString().slice(0, 5);
}
