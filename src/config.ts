// The server's settings: their types, defaults and validation. `src/cli/config-load.ts` fills
// them from a file, ATOLL_* environment variables and flags (flags win, then env, then file).

export interface TlsConfig {
  /** Path to a PEM certificate chain. */
  cert: string;
  /** Path to the PEM private key. */
  key: string;
}

export interface ServerConfig {
  /** Directory of the embedded store. Created if missing. */
  dataDir: string;
  /** Address both listeners bind to. */
  host: string;
  /** HTTP port: WebSocket at /v1/ws, /healthz, /metrics. 0 picks a free port. */
  httpPort: number;
  /** Raw TCP port (length-prefixed frames). 0 picks a free port; -1 disables the listener. */
  tcpPort: number;
  /** TLS for both listeners; plaintext when absent. */
  tls: TlsConfig | null;
  /** Whether anyone may Register. When false, Register needs `inviteCode`. */
  openRegistration: boolean;
  /** With open registration off, a Register carrying this code is still accepted; empty: nobody may register. */
  inviteCode: string;
  /** Number of fragments each keyspace is split into. */
  fragments: number;
  /** Seed of the placement hash (user id -> fragment). */
  hashSeed: number;
  /**
   * Connections the kernel may hold completed but not yet accepted, per listener (capped by the
   * kernel's net.core.somaxconn). A reconnect storm overflows a short queue: clients then see resets.
   */
  listenBacklog: number;
  /** Largest frame accepted, in bytes. */
  maxFrameBytes: number;
  /** Largest message body accepted, in bytes. */
  maxBodyBytes: number;
  /** Interval at which clients should ping when idle. */
  heartbeatMs: number;
  /** A connection silent for this long is closed. */
  idleTimeoutMs: number;
  /** A connection not logged in (LoginOk) this long after connecting is closed with IDLE_TIMEOUT. */
  loginTimeoutMs: number;
  /** Connections not yet logged in from one address (IPv4 address, IPv6 /64); more get CONNECTION_LIMIT. */
  maxPreLoginPerAddress: number;
  /** Connections not yet logged in, from all addresses; more get CONNECTION_LIMIT. */
  maxPreLogin: number;
  /** Largest frame, and WebSocket message, accepted before login; larger is FRAME_TOO_LARGE. */
  maxPreLoginFrameBytes: number;
  /** Sustained Pings one connection may send per second (in any state); faster, it is not read until the rate allows. */
  pingRatePerSec: number;
  /** Pings above that rate answered at once. */
  pingBurst: number;
  /** A connection whose unsent outbound bytes pass this is closed as a slow consumer. */
  maxOutboundBytes: number;
  /** A connection whose deliveries stay blocked on a full buffer this long is closed as a slow consumer. */
  stallTimeoutMs: number;
  /** Inbox items pushed to a device before it must ack some. */
  inboxWindow: number;
  /** The same window in bytes (whichever is reached first); also caps one read-back from LMDB. */
  inboxWindowBytes: number;
  /** Sustained messages per second one connection may send. */
  sendRatePerSec: number;
  /** Burst of messages above the sustained rate. */
  sendBurst: number;
  /**
   * Bytes of received message bodies not yet durable, across all connections; past it, connections
   * that send stop being read until half is free (memory stays bounded when storage falls behind).
   */
  intakeBudgetBytes: number;
  /**
   * Sends read from sockets and not yet durable, across all connections; past it, connections that
   * send stop being read until half are done. Bounds how long an accepted send waits under overload.
   */
  intakeMaxSends: number;
  /** Requests waiting in one fragment's mailbox before new ones are refused with SERVER_BUSY. */
  mailboxLimit: number;
  /** Failed logins on one connection before it is closed. */
  maxLoginAttempts: number;
  /** Lifetime of a resume token. */
  resumeTokenTtlMs: number;
  /** scrypt cost parameters for password hashes. */
  scrypt: { N: number; r: number; p: number };
  /** Password hashes computed at once (each takes a libuv thread). */
  maxConcurrentAuth: number;
  /** Logins waiting for a hashing slot before new ones get SERVER_BUSY. */
  maxQueuedAuth: number;
  // ---- login and registration rate limits (src/gateway/login-limits.ts) ----
  /** Logins waiting for a hashing slot from one address (IPv4 address, IPv6 /64); more get RATE_LIMITED. */
  maxQueuedAuthPerAddress: number;
  /** Sustained Login attempts per second from one address (fractions allowed); faster get RATE_LIMITED. */
  loginRatePerAddress: number;
  /** Login attempts from one address above that rate. */
  loginBurstPerAddress: number;
  /** Sustained failed logins per second of one account (0.0333 = one per 30 s); past the burst its Logins get RATE_LIMITED. */
  failedLoginRatePerUser: number;
  /** Failed logins of one account above that rate. */
  failedLoginBurstPerUser: number;
  /** Sustained Registers per second from one address (0.0166 = one a minute); faster get RATE_LIMITED. */
  registerRatePerAddress: number;
  /** Registers from one address above that rate. */
  registerBurstPerAddress: number;
  /** Addresses (and accounts) each limit above keeps a bucket for; past it, the least recently used is dropped. */
  maxRateLimitKeys: number;
  // ---- end of login and registration rate limits ----
  /** Presence subscriptions one connection may hold. */
  maxSubscriptions: number;
  /**
   * Devices one user may have registered; a Login with a new device name past it gets
   * TOO_MANY_DEVICES. Each send is stored once per device of the recipient and of the sender, so
   * this bounds what one send may write (and one log record: see LOG_RECORD_LIMIT_BYTES).
   */
  maxDevicesPerUser: number;
  /**
   * Bytes of undelivered items one user's inbox may hold over all its devices (bodies plus names
   * and ids); a Send that would pass it gets QUOTA_EXCEEDED and nothing is stored.
   */
  maxQueuedBytesPerUser: number;
  /**
   * How the inbox makes a message durable before acking it (see docs/architecture.md, "Storage engine"):
   * 'log' appends to the group-commit log and keeps undelivered items in RAM (flushed to LMDB only if
   * they linger); 'write-through' writes every change to LMDB and waits for its commit; 'memory' acks
   * on receipt and LOSES unflushed messages on a crash (benchmarks only).
   */
  durability: 'log' | 'write-through' | 'memory';
  /**
   * How services reach each other on this node: 'local' (in-process calls through each owner's
   * mailbox) or 'serializing' (the same, but every message and reply is encoded to bytes and decoded
   * again, as between nodes: a test setting that proves only plain data crosses the router).
   */
  router: 'local' | 'serializing';
  /** Comma-separated directories of the log writers (one writer each, e.g. one per disk); '' = <dataDir>/log. */
  logDirs: string;
  /** Longest time an undelivered item stays only in RAM (and the log) before it is written to LMDB. */
  syncDelayMs: number;
  /** RAM budget of the inbox cache; the sync delay shrinks to 0 as the cache approaches it. */
  cacheBudgetBytes: number;
  /** How often durable changes other than lingering items go to LMDB and the log is checkpointed (more often under memory pressure). */
  checkpointIntervalMs: number;
  /**
   * Start even though stored data is damaged or missing (without it such a start is refused, with
   * a message saying what was found): replay every intact log record and skip the unreadable ones,
   * or start with an empty log or store where one is missing. What was lost is logged at error
   * level and counted in atoll_log_recovery_lost_records_total. Meant for one start, not to leave on.
   */
  repair: boolean;
  /**
   * Before opening atoll.mdb, read every record of it in a child process, so damaged pages are a
   * clear error at start instead of a crash later. Costs about 2-4 s per GB of store.
   */
  verifyStore: boolean;
  /**
   * Free bytes the filesystems of the data and log directories must keep. Below it, new sends,
   * registrations and logins are refused with STORAGE_UNAVAILABLE (retryable) before anything is
   * written, so the disk does not actually fill; acks and other small writes still go through.
   * 0 turns the check off (a write that meets a full disk is still refused the same way).
   */
  storageReserveBytes: number;
  /** pino log level. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export const defaultConfig: Readonly<ServerConfig> = Object.freeze({
  dataDir: './data',
  host: '127.0.0.1',
  httpPort: 5280,
  tcpPort: 5223,
  tls: null,
  openRegistration: true,
  inviteCode: '',
  fragments: 256,
  hashSeed: 0x9747b28c,
  listenBacklog: 4096,
  maxFrameBytes: 128 * 1024,
  maxBodyBytes: 64 * 1024,
  heartbeatMs: 25_000,
  idleTimeoutMs: 60_000,
  // Room for a slow mobile handshake plus a login waiting for a hashing slot, while a socket that
  // never logs in gives its slot back within seconds.
  loginTimeoutMs: 20_000,
  // Pre-login is brief (a login takes well under a second), so 64 at once from one address lets
  // hundreds of users behind one NAT log in per second, while one host cannot hold thousands.
  maxPreLoginPerAddress: 64,
  // A reconnect storm is admitted in waves this size (the rest retry with back-off); that many
  // pre-login sockets cost about 30 MB and leave most of a 20,000-file limit to logged-in ones.
  maxPreLogin: 4096,
  // Hello, Register (with the longest password), Login and Resume fit; a Send does not need to.
  maxPreLoginFrameBytes: 4096,
  // The reference client pings once per heartbeatMs of silence; a few a second is already many.
  pingRatePerSec: 5,
  pingBurst: 20,
  maxOutboundBytes: 4 * 1024 * 1024,
  stallTimeoutMs: 30_000,
  inboxWindow: 500,
  inboxWindowBytes: 512 * 1024,
  sendRatePerSec: 200,
  sendBurst: 400,
  intakeBudgetBytes: 16 * 1024 * 1024,
  intakeMaxSends: 4096,
  mailboxLimit: 20_000,
  maxLoginAttempts: 5,
  resumeTokenTtlMs: 30 * 24 * 3600 * 1000,
  scrypt: { N: 16384, r: 8, p: 1 },
  // libuv's pool has 4 threads, shared with LMDB and file writes: hashing must not take them all.
  maxConcurrentAuth: 2,
  maxQueuedAuth: 2000,
  // ---- login and registration rate limits ----
  // A few dozen logins waiting from one address keep the hashing slots busy for a second; more
  // would only delay everyone else's turn.
  maxQueuedAuthPerAddress: 32,
  // A phone that lost its token, or a family behind one NAT, logs in a few times; a guesser from
  // one address gets 20 tries and then one a second (86,400 a day instead of millions).
  loginRatePerAddress: 1,
  loginBurstPerAddress: 20,
  // Ten wrong passwords, then one guess per 30 s per account from all addresses together
  // (2,880 a day): its owner is locked out of password login for a while, never its devices
  // already logged in (they Resume with tokens).
  failedLoginRatePerUser: 1 / 30,
  failedLoginBurstPerUser: 10,
  // Five accounts, then one a minute per address.
  registerRatePerAddress: 1 / 60,
  registerBurstPerAddress: 5,
  // About 100 bytes a bucket: three limits of 100,000 keys stay near 30 MB at worst.
  maxRateLimitKeys: 100_000,
  // ---- end of login and registration rate limits ----
  maxSubscriptions: 1000,
  // Phones, tablets, desktops and browsers of one person, with room to spare; one send then
  // writes at most 31 copies (2 MiB at the largest body) instead of thousands.
  maxDevicesPerUser: 16,
  // Weeks of ordinary chat for a user who is away (about 100,000 short texts, or 500 of the
  // largest bodies), while one offline user can no longer be made to hold gigabytes.
  maxQueuedBytesPerUser: 32 * 1024 * 1024,
  durability: 'log',
  router: 'local',
  logDirs: '',
  syncDelayMs: 10_000,
  cacheBudgetBytes: 256 * 1024 * 1024,
  checkpointIntervalMs: 5_000,
  repair: false,
  verifyStore: false,
  storageReserveBytes: 64 * 1024 * 1024,
  logLevel: 'info',
});

/**
 * The largest record the group-commit log accepts (its default maxRecordBytes, which the engine
 * uses; test/config-record-limit.test.ts checks the two agree). Every inbox change is one record.
 */
export const LOG_RECORD_LIMIT_BYTES = 16 * 1024 * 1024;
/** Ids one receipt item carries at most: the inbox splits longer lists, so receipt records stay small. */
export const RECEIPT_IDS_PER_ITEM = 64;
/** What one queued copy may add to an inbox record besides its body: names, id, seq and headers (UTF-8 worst case). */
export const INBOX_COPY_OVERHEAD_BYTES = 1024;
/** What a change adds besides its copies: the message state, a device's position. */
const INBOX_RECORD_OVERHEAD_BYTES = 4096;
/** Bytes a message copy counts against maxQueuedBytesPerUser besides its body, at most (names and id). */
const QUEUED_COPY_MAX_OVERHEAD = 256;

/** Thrown for a setting that cannot work; the message names the setting and what to do. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Merges overrides onto the defaults and checks every value. */
export function resolveConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  const config: ServerConfig = { ...defaultConfig, ...overrides, scrypt: { ...defaultConfig.scrypt, ...overrides.scrypt } };
  const port = (name: 'httpPort' | 'tcpPort', allowDisabled: boolean) => {
    const v = config[name];
    const ok = Number.isInteger(v) && v <= 65535 && (v >= 0 || (allowDisabled && v === -1));
    if (!ok) throw new ConfigError(`${name} must be an integer from 0 to 65535${allowDisabled ? ' (or -1 to disable)' : ''}; got ${v}`);
  };
  port('httpPort', false);
  port('tcpPort', true);
  const positive: (keyof ServerConfig)[] = ['fragments', 'maxFrameBytes', 'maxBodyBytes', 'heartbeatMs', 'idleTimeoutMs',
    'maxOutboundBytes', 'stallTimeoutMs', 'inboxWindow', 'sendRatePerSec', 'sendBurst', 'mailboxLimit', 'maxLoginAttempts',
    'resumeTokenTtlMs', 'maxConcurrentAuth', 'maxQueuedAuth', 'maxSubscriptions', 'maxDevicesPerUser', 'maxQueuedBytesPerUser', 'cacheBudgetBytes', 'intakeBudgetBytes', 'intakeMaxSends', 'inboxWindowBytes', 'listenBacklog',
    'loginTimeoutMs', 'maxPreLoginPerAddress', 'maxPreLogin', 'maxPreLoginFrameBytes', 'pingRatePerSec', 'pingBurst'];
  for (const key of positive) {
    const v = config[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new ConfigError(`${key} must be a positive number; got ${String(v)}`);
  }
  if (config.maxBodyBytes + 1024 > config.maxFrameBytes) {
    throw new ConfigError(`maxFrameBytes (${config.maxFrameBytes}) must exceed maxBodyBytes (${config.maxBodyBytes}) by at least 1024 bytes of headers`);
  }
  checkPreLogin(config);
  checkLoginLimits(config);
  checkScrypt(config.scrypt);
  checkInboxRecords(config);
  if (config.idleTimeoutMs <= config.heartbeatMs) {
    throw new ConfigError(`idleTimeoutMs (${config.idleTimeoutMs}) must be longer than heartbeatMs (${config.heartbeatMs})`);
  }
  if (!Number.isInteger(config.fragments) || config.fragments > 65536) throw new ConfigError(`fragments must be an integer from 1 to 65536; got ${config.fragments}`);
  if (!['log', 'write-through', 'memory'].includes(config.durability)) {
    throw new ConfigError(`durability must be one of log, write-through, memory; got ${String(config.durability)}`);
  }
  if (!['local', 'serializing'].includes(config.router)) {
    throw new ConfigError(`router must be local or serializing; got ${String(config.router)}`);
  }
  if (!Number.isFinite(config.checkpointIntervalMs) || config.checkpointIntervalMs < 0) {
    throw new ConfigError(`checkpointIntervalMs must be a number >= 0; got ${config.checkpointIntervalMs}`);
  }
  if (!Number.isFinite(config.syncDelayMs) || config.syncDelayMs < 0) throw new ConfigError(`syncDelayMs must be a number >= 0; got ${config.syncDelayMs}`);
  checkStorageReserve(config.storageReserveBytes);
  if (config.tls && (!config.tls.cert || !config.tls.key)) throw new ConfigError('tls needs both cert and key (paths to PEM files)');
  return config;
}

function checkStorageReserve(v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new ConfigError(`storageReserveBytes must be a whole number of bytes >= 0 (0 turns the free-space check off); got ${v}`);
}

/** What node's scrypt accepts, checked here so that no registration fails on a bad setting later. */
function checkScrypt({ N, r, p }: ServerConfig['scrypt']): void {
  if (!Number.isInteger(N) || N < 2 || N > 2 ** 24 || (N & (N - 1)) !== 0) {
    throw new ConfigError(`scrypt.N must be a power of two from 2 to 16777216 (e.g. 16384); got ${N}`);
  }
  for (const [key, v] of [['r', r], ['p', p]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 1024) throw new ConfigError(`scrypt.${key} must be a whole number from 1 to 1024; got ${v}`);
  }
}

function checkPreLogin(config: ServerConfig): void {
  for (const key of ['maxPreLoginPerAddress', 'maxPreLogin', 'pingBurst'] as const) {
    if (!Number.isInteger(config[key])) throw new ConfigError(`${key} must be a whole number; got ${config[key]}`);
  }
  const frame = config.maxPreLoginFrameBytes;
  if (frame < 2048 || frame > config.maxFrameBytes) {
    throw new ConfigError(`maxPreLoginFrameBytes (${frame}) must be at least 2048 (a Register with the longest password must fit) and at most maxFrameBytes (${config.maxFrameBytes})`);
  }
}

/** The login and registration rate limits: rates may be fractions, bursts and caps are whole. */
function checkLoginLimits(config: ServerConfig): void {
  for (const key of ['loginRatePerAddress', 'failedLoginRatePerUser', 'registerRatePerAddress'] as const) {
    const v = config[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new ConfigError(`${key} must be a positive number (per second; fractions allowed); got ${String(v)}`);
  }
  for (const key of ['loginBurstPerAddress', 'failedLoginBurstPerUser', 'registerBurstPerAddress', 'maxRateLimitKeys', 'maxQueuedAuthPerAddress'] as const) {
    const v = config[key];
    if (!Number.isInteger(v) || v < 1) throw new ConfigError(`${key} must be a whole number of at least 1; got ${String(v)}`);
  }
}

/**
 * One send is one log record per owner: a copy for each device of the recipient (or each other
 * device of the sender), so devices x body must fit the log's record limit, or the copies could
 * never be stored. And one message must fit an empty inbox, or the quota would refuse it forever.
 */
function checkInboxRecords(config: ServerConfig): void {
  const { maxDevicesPerUser: devices, maxBodyBytes: body, maxQueuedBytesPerUser: quota } = config;
  if (!Number.isInteger(devices)) throw new ConfigError(`maxDevicesPerUser must be a whole number; got ${devices}`);
  const perCopy = Math.max(body, RECEIPT_IDS_PER_ITEM * 193) + INBOX_COPY_OVERHEAD_BYTES;
  const record = devices * perCopy + INBOX_RECORD_OVERHEAD_BYTES;
  if (record > LOG_RECORD_LIMIT_BYTES) {
    throw new ConfigError(`maxDevicesPerUser (${devices}) copies of a body of maxBodyBytes (${body}) make a log record of up to ${record} bytes, `
      + `over the log's limit of ${LOG_RECORD_LIMIT_BYTES}: lower maxDevicesPerUser (at most ${Math.floor((LOG_RECORD_LIMIT_BYTES - INBOX_RECORD_OVERHEAD_BYTES) / perCopy)} with this body size) or maxBodyBytes`);
  }
  const oneMessage = devices * (body + QUEUED_COPY_MAX_OVERHEAD);
  if (quota < oneMessage) {
    throw new ConfigError(`maxQueuedBytesPerUser (${quota}) must hold one message of maxBodyBytes for every device (${devices} x ${body + QUEUED_COPY_MAX_OVERHEAD} = ${oneMessage} bytes): raise it or lower maxDevicesPerUser`);
  }
}
