// `atoll serve`: loads the configuration, starts one node, logs where it listens, and closes it
// cleanly on SIGINT/SIGTERM.
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

  let server: AtollServer;
  try {
    // Loaded after the configuration is checked, so a bad flag fails fast.
    const { startServer } = await import('../server.js');
    server = await startServer(config, { logger });
  } catch (err) {
    logger.fatal({ err }, 'server failed to start');
    throw new CliError(`atoll serve: cannot start: ${(err as Error).message}`, ExitCode.server);
  }
  return waitForSignal(server, logger);
}

function loadOrExplain(flags: FlagValues): LoadedConfig {
  try {
    return loadConfig({ flags, env: process.env });
  } catch (err) {
    if (err instanceof CliError) throw new CliError(`atoll serve: ${err.message}`, err.exitCode);
    throw err;
  }
}

function waitForSignal(server: AtollServer, logger: Logger): Promise<number> {
  return new Promise((resolve) => {
    let closing = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (closing) {
        logger.warn({ signal }, 'second signal while closing: exiting now');
        resolve(ExitCode.interrupted);
        return;
      }
      closing = true;
      logger.info({ signal }, 'signal received: closing the server');
      const deadline = setTimeout(() => {
        logger.error({ deadlineMs: CLOSE_DEADLINE_MS }, 'close did not finish in time: exiting');
        resolve(ExitCode.server);
      }, CLOSE_DEADLINE_MS);
      deadline.unref();
      server.close().then(
        () => {
          clearTimeout(deadline);
          resolve(ExitCode.ok);
        },
        (err: unknown) => {
          clearTimeout(deadline);
          logger.error({ err }, 'close failed');
          resolve(ExitCode.server);
        },
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
