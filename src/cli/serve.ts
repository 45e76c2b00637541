// `atoll serve`: loads the configuration, starts one node, logs where it listens, and closes it
// cleanly on SIGINT/SIGTERM. It owns the process: stray rejections and exceptions are logged here.
import { pino, type Logger } from 'pino';
import type { AtollServer } from '../server.js';
import { parseArgs, type FlagValues } from './args.js';
import { configFlagSpecs, loadConfig, type LoadedConfig } from './config-load.js';
import { CliError, ExitCode, usageError } from './errors.js';

// A close that hangs (a stuck disk, a bug) must not keep the process from exiting forever.
const CLOSE_DEADLINE_MS = 15_000;

export async function serve(argv: readonly string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv, configFlagSpecs(), 'serve');
  if (positionals.length > 0) throw usageError(`atoll serve: unexpected argument "${positionals[0]}" (see atoll help serve)`);
  const { config, file, warnings } = loadOrExplain(flags);
  const logger = pino({ level: config.logLevel, base: { pid: process.pid } });
  for (const warning of warnings) logger.warn(warning);
  logger.info({ configFile: file, host: config.host, dataDir: config.dataDir }, 'configuration loaded');
  handleStrayErrors(logger);
  // Signals are ours from here on: one during startup (a long log replay) stops the server as
  // soon as it is open, cleanly, instead of killing it half-way or being lost.
  const signals = new SignalWatch(logger);

  let server: AtollServer;
  try {
    // Loaded after the configuration is checked, so a bad flag fails fast.
    const { startServer } = await import('../server.js');
    server = await startServer(config, { logger });
  } catch (err) {
    signals.dispose();
    logger.fatal({ err }, 'server failed to start');
    throw new CliError(`atoll serve: cannot start: ${(err as Error).message}`, ExitCode.server);
  }
  return signals.closeOnSignal(server);
}

/** Listens for SIGINT/SIGTERM from the start; closes the server on the first, exits on the second. */
class SignalWatch {
  private server: AtollServer | null = null;
  private received: NodeJS.Signals | null = null;
  private finish: ((code: number) => void) | null = null;
  private readonly exited: Promise<number>;

  constructor(private readonly logger: Logger) {
    this.exited = new Promise((resolve) => { this.finish = resolve; });
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  dispose(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }

  closeOnSignal(server: AtollServer): Promise<number> {
    this.server = server;
    if (this.received) this.close(this.received);
    return this.exited;
  }

  private onSignal = (signal: NodeJS.Signals): void => {
    if (this.received) {
      this.logger.warn({ signal }, 'second signal while closing: exiting now');
      // During startup nobody waits on `exited` yet: leave at once.
      if (!this.server) process.exit(ExitCode.interrupted);
      this.finish?.(ExitCode.interrupted);
      return;
    }
    this.received = signal;
    if (!this.server) {
      this.logger.info({ signal }, 'signal received while starting: closing the server once its storage is open');
      return;
    }
    this.close(signal);
  };

  private close(signal: NodeJS.Signals): void {
    const server = this.server!;
    this.logger.info({ signal }, 'signal received: closing the server');
    const deadline = setTimeout(() => {
      this.logger.error({ deadlineMs: CLOSE_DEADLINE_MS }, 'close did not finish in time: exiting');
      this.finish?.(ExitCode.server);
    }, CLOSE_DEADLINE_MS);
    deadline.unref();
    server.close().then(
      () => {
        clearTimeout(deadline);
        this.finish?.(ExitCode.ok);
      },
      (err: unknown) => {
        clearTimeout(deadline);
        this.logger.error({ err }, 'close failed');
        this.finish?.(ExitCode.server);
      },
    );
  }
}

/**
 * A promise rejected with no handler is a bug, but one that failed a single request at most: log
 * it with its stack and keep serving (everything acked is durable either way). An uncaught
 * exception leaves state unknown: log it and exit at once; a restart recovers from the store.
 */
function handleStrayErrors(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    const commitError = (reason as { commitError?: unknown } | null)?.commitError;
    if (commitError instanceof Promise) {
      // lmdb-js rejects a promise of its own, which nothing can await, for every failed commit
      // (a full disk); the writes it held were rejected to their callers, who handle them.
      commitError.catch(() => undefined);
      logger.debug({ err: reason }, 'store: an LMDB commit failed');
      return;
    }
    logger.error({ err: reason }, 'unhandled promise rejection (a bug; the server keeps running)');
  });
  // Process warnings (the store's "write-back waits", a failed fire-and-forget request) go to the
  // JSON log like everything else, instead of Node's plain-text lines on stderr.
  process.removeAllListeners('warning');
  process.on('warning', (warning) => logger.warn({ warning: warning.name }, warning.message));
  process.on('uncaughtException', (err, origin) => {
    logger.fatal({ err, origin }, 'uncaught exception (a bug): exiting; restart the server (nothing acknowledged is lost)');
    process.exit(ExitCode.server);
  });
}

function loadOrExplain(flags: FlagValues): LoadedConfig {
  try {
    return loadConfig({ flags, env: process.env });
  } catch (err) {
    if (err instanceof CliError) throw new CliError(`atoll serve: ${err.message}`, err.exitCode);
    throw err;
  }
}
