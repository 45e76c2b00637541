// The `atoll bench` command line: scenarios, flags with their defaults, and the target URL.
import { parseArgs, parseNumber } from '../cli/args.js';
import { usageError } from '../cli/errors.js';
import { XMPP_WORKS, type XmppWork } from './drivers/xmpp.js';
import type { Target } from './types.js';

export const SCENARIOS = ['connect', 'chat', 'offline', 'storm', 'overload', 'register'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface BenchOptions {
  scenario: Scenario;
  target: Target;
  users: number;
  rate: number;
  step: number;
  steps: number;
  durationS: number;
  workers: number;
  json: boolean;
  serverPid: number | null;
  spawnServer: boolean;
  metricsUrl: string | null;
  messages: number;
  senders: number;
  bodyBytes: number;
  concurrency: number;
  prefix: string;
  password: string;
  register: boolean;
  pin: boolean;
  heartbeatMs: number;
  p99LimitMs: number;
  label: string;
  /** chat: share of users away at any moment (0..0.5), and how long each absence lasts. */
  away: number;
  awayForS: number;
  /** overload: how many times the keep-up rate is offered, and each sender's window of unacked sends. */
  factor: number;
  window: number;
  /** XMPP: plain <message>, or the per-message work Atoll does (Stream Management acks, receipts). */
  xmppWork: XmppWork;
  /** chat: step the rate by --step until a step saturates (at most --steps steps), instead of exactly --steps. */
  untilSaturated: boolean;
  /** chat --until-saturated: a step whose p99 is above this saturates the server. */
  saturationP99Ms: number;
}

const FLAGS = {
  server: 'string',
  users: 'string',
  rate: 'string',
  step: 'string',
  steps: 'string',
  duration: 'string',
  workers: 'string',
  json: 'boolean',
  'server-pid': 'string',
  'spawn-server': 'boolean',
  metrics: 'string',
  messages: 'string',
  senders: 'string',
  size: 'string',
  concurrency: 'string',
  prefix: 'string',
  password: 'string',
  register: 'boolean',
  pin: 'boolean',
  heartbeat: 'string',
  'p99-limit': 'string',
  label: 'string',
  away: 'string',
  'away-for': 'string',
  factor: 'string',
  window: 'string',
  'xmpp-work': 'string',
  'until-saturated': 'boolean',
  'saturation-p99': 'string',
} as const;

export const HELP = `atoll bench SCENARIO [options]: drive real clients against a server and measure it

Scenarios:
  connect   N authenticated idle sessions (with heartbeats): connect rate, time to N,
            failures, server RSS and heap per session (a spawned server is restarted
            after the registration pass, so memory is that of a fresh process)
  chat      N online users send 1:1 messages to random online peers at an offered rate
            (open loop), optionally stepping the rate up: offered vs delivered msgs/s,
            loss, send->receive latency p50/p90/p99/max, server CPU
  offline   M offline users each get K messages, then all log in: time until every
            queued message is delivered; for the queueing and the draining phase, server
            RssAnon and RssFile peaks and RssAnon at the end (from /proc, sampled every
            500 ms: needs --server-pid or --spawn-server) and the inbox cache peak (/metrics)
  storm     N sessions with light traffic are all dropped at once and reconnect: time
            until all are back, rejected logins, messages lost (must be 0)
  overload  chat at --rate (the server's keep-up rate) for a third of --duration, then
            --factor times it for --duration s (default 30), then half of --rate for two
            thirds of --duration; each sender holds a turn back
            while --window sends wait for their ack: messages delivered in every second, their
            p99, acked messages lost, seconds until p99 is back under --p99-limit
  register  only creates the accounts of users 0..N-1 (register, log in, log out), so that
            a later run with --no-register measures a server that never held those sessions
  groups    not available: Atoll has no groups yet

Options:
  --server URL        tcp://HOST:PORT or ws://HOST:PORT[/path] (Atoll, path /v1/ws implied),
                      xmpp://HOST:PORT[?domain=D] (ejabberd, Prosody; domain defaults to localhost)
                      default tcp://127.0.0.1:5223
  --spawn-server      start \`atoll serve\` from this build on free ports with a temp data dir
                      (scrypt cost lowered with ATOLL_SCRYPT_N=1024 so bulk registration is quick)
  --server-pid PID    read server CPU and RSS from /proc/PID (else from --metrics)
  --metrics URL       Prometheus endpoint of the server (default http://HOST:HTTP_PORT/metrics
                      for ws:// and spawned servers)
  --users N           simulated users (default 1000); offline: users that receive
  --rate R            chat: offered msgs/s (default 1000); storm: msgs/s around the drop (default users/10)
  --step INC          chat: raise the rate by INC after each --duration (steps: --steps, default 5)
  --steps K           number of rate steps (default 5 with --step; with --until-saturated the
                      most steps, default 30)
  --until-saturated   chat: keep stepping by --step until the server saturates: two steps in a row
                      with p99 over --saturation-p99 or under 98% of their messages delivered by the
                      end of the step after each (so the ladder runs a step past them), or under half
                      of a step's messages delivered by its own end (it stops at once)
  --saturation-p99 MS chat --until-saturated: the p99 that counts as saturated (default 200)
  --duration S        chat: seconds per step (default 10); connect: seconds to hold sessions idle
                      (default 5); storm: seconds of traffic before and after the drop (default 5);
                      overload: seconds of the overload (default 30)
  --messages K        offline: messages per offline user (default 10)
  --senders N         offline: online users that send them (default min(users, 100))
  --size BYTES        message body size (default 64)
  --workers N         generator processes (default 1; more are added to stay under 15,000
                      connections and the open-files limit per process)
  --concurrency N     logins in flight per worker (default 200)
  --prefix P          user names are P0, P1, ... (default bu); --password PW (default benchpass1)
  --no-register       skip registration (accounts exist already)
  --heartbeat MS      ping interval of idle sessions (default 20000)
  --p99-limit MS      chat: latency bound for "highest sustained rate" (default 50)
  --away SHARE        chat: the "mostly online" mix: about SHARE (0..0.5) of the users are away
                      at any moment (default 0). Users leave in turn (seeded order): the socket
                      is dropped, the user stays away --away-for seconds, then resumes (Atoll) or
                      logs in (XMPP) and carries on; everyone keeps sending to every user, away
                      or not. Messages that waited for an away user are counted apart (count,
                      p50/p99) and kept out of the online latencies; lost and duplicates cover
                      all messages. Away users ramp up over the first --away-for seconds.
  --away-for S        chat: seconds each absence lasts (default 5, at least 0.5)
  --factor F          overload: offered rate during the overload, as a multiple of --rate (default 2)
  --window N          overload: sends a sender may have unacked before it holds back (default 8)
  --xmpp-work W       xmpp:// only: plain (default) sends <message> only, as a minimal client does;
                      equal does per message what Atoll's protocol does: Stream Management
                      (XEP-0198) on after bind, an ack request <r/> after every message whose
                      <a h/> answer counts as the server's ack (like Atoll's SendAck: unacked sends,
                      the overload window), and a receipt request (XEP-0184) the recipient answers
                      with <received/>, counted as a receipt at the sender (like Atoll's "delivered")
  --pin               pin the spawned server to CPU 0 and the generator to CPU 1 (taskset)
  --label TEXT        name of the server in the output (default from the URL)
  --json              print one JSON object with the results as the last line

Loopback only: connections come from 127.0.0.2, 127.0.0.3, ... (1,000 per address).
`;

function int(flags: Record<string, string | boolean>, name: string, dflt: number, min: number): number {
  const v = flags[name];
  if (v === undefined) return dflt;
  const n = parseNumber(String(v), `--${name}`);
  if (!Number.isInteger(n) || n < min) throw usageError(`atoll bench: --${name} must be an integer >= ${min}, got ${String(v)}`);
  return n;
}

function num(flags: Record<string, string | boolean>, name: string, dflt: number, min: number): number {
  const v = flags[name];
  if (v === undefined) return dflt;
  const n = parseNumber(String(v), `--${name}`);
  if (n < min) throw usageError(`atoll bench: --${name} must be >= ${min}, got ${String(v)}`);
  return n;
}

/** Parses a --server URL. Hosts must be loopback: the bench never loads a remote machine. */
export function parseTarget(url: string): Target {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw usageError(`atoll bench: --server ${url} is not a URL (use tcp://HOST:PORT, ws://HOST:PORT or xmpp://HOST:PORT)`);
  }
  const transport = u.protocol.slice(0, -1);
  if (transport !== 'tcp' && transport !== 'ws' && transport !== 'xmpp') {
    throw usageError(`atoll bench: --server scheme ${u.protocol} is not supported (tcp://, ws:// or xmpp://; no TLS in benchmarks)`);
  }
  let host = u.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') host = '127.0.0.1';
  if (!/^127\./.test(host) && host !== '::1') throw usageError(`atoll bench: --server must be on loopback (127.x.x.x or ::1), got ${host}`);
  const dflt = transport === 'tcp' ? 5223 : transport === 'ws' ? 5280 : 5222;
  const port = u.port === '' ? dflt : Number(u.port);
  const path = transport === 'ws' ? (u.pathname === '' || u.pathname === '/' ? '/v1/ws' : u.pathname) : '';
  const domain = u.searchParams.get('domain') ?? 'localhost';
  return { transport, host, port, path, domain };
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions | 'help' {
  const { positionals, flags } = parseArgs(argv, FLAGS, 'bench');
  if (flags.help === true) return 'help';
  const scenario = positionals[0];
  if (scenario === undefined) throw usageError('atoll bench: name a scenario: connect, chat, offline, storm, overload or register (see atoll bench --help)');
  if (scenario === 'groups') throw usageError('atoll bench: the groups scenario needs groups, which Atoll does not have yet');
  if (!(SCENARIOS as readonly string[]).includes(scenario)) throw usageError(`atoll bench: unknown scenario ${scenario}; one of ${SCENARIOS.join(', ')}`);
  if (positionals.length > 1) throw usageError(`atoll bench: unexpected argument ${positionals[1]}`);
  const spawnServer = flags['spawn-server'] === true;
  if (spawnServer && flags.server !== undefined && !String(flags.server).startsWith('tcp:') && !String(flags.server).startsWith('ws:')) {
    throw usageError('atoll bench: --spawn-server starts Atoll; pair it with --server tcp:// or ws:// (the port is chosen for you)');
  }
  const target = parseTarget(String(flags.server ?? 'tcp://127.0.0.1:5223'));
  const users = int(flags, 'users', 1000, 1);
  const step = num(flags, 'step', 0, 0);
  const serverPid = flags['server-pid'] === undefined ? null : int(flags, 'server-pid', 0, 1);
  if (serverPid !== null && spawnServer) throw usageError('atoll bench: --server-pid and --spawn-server exclude each other');
  const defaultDuration = scenario === 'chat' ? 10 : scenario === 'overload' ? 30 : 5;
  const xmppWork = String(flags['xmpp-work'] ?? 'plain');
  if (!(XMPP_WORKS as readonly string[]).includes(xmppWork)) throw usageError(`atoll bench: --xmpp-work is ${XMPP_WORKS.join(' or ')}, got ${xmppWork}`);
  if (flags['xmpp-work'] !== undefined && target.transport !== 'xmpp') throw usageError('atoll bench: --xmpp-work applies to xmpp:// servers (Atoll always acks and sends receipts)');
  const untilSaturated = flags['until-saturated'] === true;
  if (untilSaturated && (scenario !== 'chat' || step <= 0)) throw usageError('atoll bench: --until-saturated is a chat ladder: give --step INC');
  const away = num(flags, 'away', 0, 0);
  if (away > 0.5) throw usageError(`atoll bench: --away is a share of the users from 0 to 0.5, got ${String(flags.away)}`);
  if ((flags.away !== undefined || flags['away-for'] !== undefined) && scenario !== 'chat') throw usageError('atoll bench: --away and --away-for belong to the chat scenario');
  return {
    scenario: scenario as Scenario,
    target,
    users,
    rate: num(flags, 'rate', scenario === 'storm' ? Math.max(1, Math.round(users / 10)) : 1000, 0),
    step,
    steps: step > 0 ? int(flags, 'steps', untilSaturated ? 30 : 5, 1) : 1,
    durationS: num(flags, 'duration', defaultDuration, 0.1),
    workers: int(flags, 'workers', 1, 1),
    json: flags.json === true,
    serverPid,
    spawnServer,
    metricsUrl: flags.metrics === undefined ? null : String(flags.metrics),
    messages: int(flags, 'messages', 10, 1),
    senders: int(flags, 'senders', Math.min(users, 100), 1),
    bodyBytes: int(flags, 'size', 64, 1),
    concurrency: int(flags, 'concurrency', 200, 1),
    prefix: String(flags.prefix ?? 'bu'),
    password: String(flags.password ?? 'benchpass1'),
    register: scenario === 'register' || flags.register !== false,
    pin: flags.pin === true,
    heartbeatMs: int(flags, 'heartbeat', 20_000, 100),
    p99LimitMs: num(flags, 'p99-limit', 50, 0),
    label: String(flags.label ?? (target.transport === 'xmpp' ? `xmpp ${target.host}:${target.port}` : 'atoll')),
    away,
    awayForS: num(flags, 'away-for', 5, 0.5),
    factor: num(flags, 'factor', 2, 1),
    window: int(flags, 'window', 8, 1),
    xmppWork: xmppWork as XmppWork,
    untilSaturated,
    saturationP99Ms: num(flags, 'saturation-p99', 200, 0),
  };
}
