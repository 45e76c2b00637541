// `atoll bench SCENARIO [options]`: parses the command line, starts (or finds) the server, forks
// the generator's worker processes, runs the scenario, and prints the table (and --json).
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { CliError } from '../cli/errors.js';
import { PER_SOURCE, isLoopbackV4 } from './addresses.js';
import { HELP, parseBenchArgs, type BenchOptions } from './options.js';
import { WorkerPool, connsPerWorkerCap, fileLimits, splitUsers, workersFor } from './pool.js';
import { runOverload } from './overload.js';
import { Progress, formatResult, type BenchResult } from './report.js';
import { defaultGeneratorCores, runChat, runConnect, runOffline, runRegister, runStorm, type RunContext } from './scenarios.js';
import { BENCH_SCRYPT_N, spawnServer, type SpawnedServer } from './spawn.js';
import type { WorkerSetup } from './types.js';

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function pinSelf(cpu: string): void {
  execFileSync('taskset', ['-a', '-p', '-c', cpu, String(process.pid)], { stdio: 'ignore' });
}

/** Users the scenario connects in total (offline adds its senders). */
function totalUsers(opts: BenchOptions): number {
  return opts.scenario === 'offline' ? opts.users + opts.senders : opts.users;
}

export async function main(argv: string[]): Promise<number> {
  let opts: BenchOptions | 'help';
  try {
    opts = parseBenchArgs(argv);
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
  if (opts === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  const progress = new Progress();
  const notes: string[] = [];
  let server: SpawnedServer | null = null;
  let pool: WorkerPool | null = null;
  const pin = opts.pin && hasTaskset() && os.availableParallelism() >= 2;
  if (opts.pin && !pin) notes.push('--pin ignored: taskset is missing or the machine has one core');
  const onSignal = () => {
    progress.say('interrupted; stopping workers and server');
    void Promise.all([pool?.stop(), server?.stop()]).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  try {
    if (pin) pinSelf('1');
    let serverPid = opts.serverPid;
    let metricsUrl = opts.metricsUrl;
    if (opts.spawnServer) {
      server = await spawnServer({ cpu: pin ? '0' : undefined, log: (l) => progress.say(l) });
      serverPid = server.pid;
      opts.target = { ...opts.target, host: '127.0.0.1', port: opts.target.transport === 'ws' ? server.httpPort : server.tcpPort };
      metricsUrl ??= `http://127.0.0.1:${server.httpPort}/metrics`;
      notes.push(`server started by the bench with ATOLL_SCRYPT_N=${BENCH_SCRYPT_N} (cheap password hashing, so bulk registration is quick)`);
    } else if (metricsUrl === null && opts.target.transport === 'ws') {
      metricsUrl = `http://${opts.target.host}:${opts.target.port}/metrics`;
    }
    const users = totalUsers(opts);
    const limits = fileLimits();
    const cap = connsPerWorkerCap(limits);
    const workers = workersFor(users, opts.workers, cap);
    if (workers > opts.workers) notes.push(`using ${workers} worker processes: at most ${cap} connections each (open-files limit ${limits?.soft ?? 'unknown'})`);
    if (!isLoopbackV4(opts.target.host) && users > 25_000) notes.push(`the server is on ${opts.target.host}: connections cannot be spread over 127.0.0.x sources and may run out of ephemeral ports`);
    const runId = Date.now().toString(36);
    const setups: WorkerSetup[] = splitUsers(users, workers).map((range, worker) => ({
      worker,
      target: opts.target,
      firstUser: range.first,
      userCount: range.count,
      userPrefix: opts.prefix,
      password: opts.password,
      runId,
      bodyBytes: opts.bodyBytes,
      // chat with --away counts lost and duplicated messages exactly, like offline and storm
      trackIds: opts.scenario === 'offline' || opts.scenario === 'storm' || opts.scenario === 'overload' || (opts.scenario === 'chat' && opts.away > 0),
      perSource: PER_SOURCE,
      heartbeatMs: opts.heartbeatMs,
      xmppWork: opts.xmppWork,
    }));
    pool = await WorkerPool.start(setups, pin ? '1' : undefined);
    const ctx: RunContext = {
      opts,
      pool,
      ranges: setups.map((s) => ({ first: s.firstUser, count: s.userCount })),
      serverPid,
      metricsUrl,
      restartServer: server === null ? null : async () => {
        await server!.restart();
        ctx.serverPid = server!.pid;
      },
      progress,
      generatorCores: pin ? 1 : defaultGeneratorCores(false),
      notes,
    };
    const run = { connect: runConnect, chat: runChat, offline: runOffline, storm: runStorm, overload: runOverload, register: runRegister }[opts.scenario];
    const result: BenchResult = await run(ctx);
    if (serverPid === null && metricsUrl === null) result.notes.push('server CPU and memory not measured: give --server-pid, --metrics or --spawn-server');
    process.stdout.write(`${formatResult(result)}\n`);
    if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (err) {
    progress.done();
    process.stderr.write(`atoll bench: ${(err as Error).message}\n`);
    if (opts.json) process.stdout.write(`${JSON.stringify({ scenario: opts.scenario, error: (err as Error).message })}\n`);
    return err instanceof CliError ? err.exitCode : 2;
  } finally {
    process.removeListener('SIGINT', onSignal);
    await pool?.stop();
    await server?.stop();
  }
}
