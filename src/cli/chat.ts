// `atoll chat`: a small interactive terminal client. One peer at a time (/to USER); plain lines
// are sent to it; messages, receipt ticks, typing and presence are printed as they happen.
import { createInterface, emitKeypressEvents, type Interface } from 'node:readline';
import { AtollError, Client, type ClientState, type PresenceEvent, type ReceivedMessage, type ReceivedReceipt } from '../client/index.js';
import { parseArgs } from './args.js';
import { ExitCode, usageError } from './errors.js';
import { CONNECTION_FLAGS, clientOptions, describeFailure, withDeadline } from './client-session.js';

const LOGIN_DEADLINE_MS = 30_000;
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
  try {
    await withDeadline(LOGIN_DEADLINE_MS, 'chat', async () => {
      await client.connect();
      await client.login();
    });
  } catch (err) {
    await client.close().catch(() => {});
    throw describeFailure(err, 'chat', options.server);
  }
  const session = new ChatSession(client, options.user, options.server);
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
  /** Set once the user leaves, so our own close is not reported as a failure. */
  private quitting = false;
  private readonly rl: Interface;
  private readonly tty: boolean;
  private finish: (code: number) => void = () => {};

  constructor(
    private readonly client: Client,
    private readonly me: string,
    private readonly server: string,
  ) {
    this.tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
    this.rl = createInterface({ input: process.stdin, output: process.stdout, terminal: this.tty });
  }

  run(): Promise<number> {
    const done = new Promise<number>((resolve) => (this.finish = resolve));
    this.client.on('message', (m: ReceivedMessage) => this.onMessage(m));
    this.client.on('receipt', (r: ReceivedReceipt) => this.onReceipt(r));
    this.client.on('typing', (t: { from: string; active: boolean }) => this.onTyping(t.from, t.active));
    this.client.on('presence', (p: PresenceEvent) => this.onPresence(p));
    this.client.on('error', (e) => this.onError(e));
    this.client.on('state', (state) => this.onState(state));
    this.rl.on('line', (line) => void this.onLine(line));
    this.rl.on('close', () => {
      this.quitting = true;
      this.finish(ExitCode.ok);
    });
    this.rl.on('SIGINT', () => this.rl.close());
    if (this.tty) this.watchKeys();
    this.rl.setPrompt(this.tty ? `${this.me}> ` : '');
    this.print(`logged in as ${this.me}. ${HELP}`);
    return done;
  }

  /** Prints above the input line without mangling what the user is typing. */
  private print(line: string): void {
    if (!this.tty) {
      process.stdout.write(`${line}\n`);
      return;
    }
    process.stdout.write(`\r\x1b[K${line}\n`);
    this.rl.prompt(true);
  }

  private async onLine(raw: string): Promise<void> {
    const line = raw.trim();
    if (line === '') return this.prompt();
    if (line === '/quit' || line === '/exit') return this.rl.close();
    if (line === '/help') return this.print(HELP);
    if (line.startsWith('/to')) return this.choosePeer(line.slice(3).trim());
    if (line.startsWith('/')) return this.print(`unknown command ${line.split(/\s/)[0]}; ${HELP}`);
    if (this.peer === undefined) return this.print('pick someone to talk to first: /to USER');
    this.lastTypingSent = 0;
    await this.send(this.peer, raw);
  }

  private prompt(): void {
    if (this.tty) this.rl.prompt();
  }

  private async choosePeer(user: string): Promise<void> {
    if (user === '' || /\s/.test(user)) return this.print('usage: /to USER');
    const previous = this.peer;
    this.peer = user;
    this.print(`talking to ${user}`);
    // Follow only the current peer's presence: the server bounds subscriptions per connection.
    if (previous !== undefined && previous !== user) this.client.unsubscribe([previous]).catch(() => {});
    try {
      await this.client.subscribe([user]);
    } catch (err) {
      this.print(`! cannot follow ${user}'s presence: ${errorText(err)}`);
    }
  }

  private async send(to: string, text: string): Promise<void> {
    try {
      const { id, sentAt } = await this.client.send(to, text);
      this.remember(id, to, text);
      this.print(`[${clock(sentAt)}] you → ${to}: ${text}  ✓`);
    } catch (err) {
      this.print(`✗ not sent to ${to}: ${errorText(err)}`);
    }
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
    this.client.markRead(m.from, [m.id]).catch((err: unknown) => this.print(`! could not mark read: ${errorText(err)}`));
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
    } else if (state === 'closed' && !this.quitting) {
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
