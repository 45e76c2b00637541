// config-load: defaults < file < ATOLL_* env < flags, type conversion, and every error path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../../src/cli/args.js';
import { configFlagSpecs, listSettings, loadConfig } from '../../src/cli/config-load.js';
import { CliError, ExitCode } from '../../src/cli/errors.js';
import { defaultConfig } from '../../src/config.js';

const dir = mkdtempSync(join(tmpdir(), 'atoll-config-load-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function configFile(content: unknown): string {
  const path = join(dir, `config-${fileCount++}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function load(argv: string[], env: Record<string, string> = {}) {
  return loadConfig({ flags: parseArgs(argv, configFlagSpecs(), 'serve').flags, env });
}

/** Asserts that `fn` throws a usage CliError whose message matches every pattern. */
function assertUsageError(fn: () => unknown, ...patterns: RegExp[]) {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof CliError, `expected CliError, got ${String(err)}`);
    assert.equal(err.exitCode, ExitCode.usage);
    for (const p of patterns) assert.match(err.message, p);
    return true;
  });
}

test('no sources gives the defaults', () => {
  const { config, file, warnings } = load([]);
  assert.deepEqual(config, { ...defaultConfig, scrypt: { ...defaultConfig.scrypt } });
  assert.equal(file, null);
  assert.deepEqual(warnings, []);
});

test('every ServerConfig key has a flag and a variable derived from its name', () => {
  const byFlag = new Map(listSettings().map((s) => [s.flag, s]));
  assert.equal(byFlag.get('max-frame-bytes')?.env, 'ATOLL_MAX_FRAME_BYTES');
  assert.equal(byFlag.get('scrypt-n')?.env, 'ATOLL_SCRYPT_N');
  assert.equal(byFlag.get('tls-cert')?.env, 'ATOLL_TLS_CERT');
  assert.equal(byFlag.get('open-registration')?.kind, 'boolean');
  const topKeys = new Set(listSettings().map((s) => s.path[0]));
  assert.deepEqual([...topKeys].sort(), Object.keys(defaultConfig).sort());
});

test('file < env < flags, key by key', () => {
  const file = configFile({ httpPort: 1001, tcpPort: 1002, host: '127.0.0.2', dataDir: '/from/file', scrypt: { N: 1024, r: 4 } });
  const env = { ATOLL_CONFIG: file, ATOLL_TCP_PORT: '2002', ATOLL_HOST: '127.0.0.3', ATOLL_SCRYPT_R: '2' };
  const { config, file: used } = load(['--host', '127.0.0.4', '--data', '/from/flag'], env);
  assert.equal(used, file);
  assert.equal(config.httpPort, 1001, 'only the file sets httpPort');
  assert.equal(config.tcpPort, 2002, 'env beats the file');
  assert.equal(config.host, '127.0.0.4', 'flags beat env');
  assert.equal(config.dataDir, '/from/flag', '--data is --data-dir');
  assert.deepEqual(config.scrypt, { N: 1024, r: 2, p: 1 }, 'nested keys merge leaf by leaf');
});

test('--config beats ATOLL_CONFIG', () => {
  const a = configFile({ httpPort: 1111 });
  const b = configFile({ httpPort: 2222 });
  assert.equal(load(['--config', b], { ATOLL_CONFIG: a }).config.httpPort, 2222);
});

test('values are converted to their types from env and flags', () => {
  const env = { ATOLL_OPEN_REGISTRATION: 'no', ATOLL_HASH_SEED: '0x10', ATOLL_MAX_BODY_BYTES: '2048', ATOLL_LOG_LEVEL: 'warn' };
  const { config } = load(['--scrypt-n=2048', '--max-frame-bytes', '4096', '--tls-cert', 'c.pem', '--tls-key', 'k.pem'], env);
  assert.equal(config.openRegistration, false);
  assert.equal(config.hashSeed, 16);
  assert.equal(config.maxBodyBytes, 2048);
  assert.equal(config.maxFrameBytes, 4096);
  assert.equal(config.scrypt.N, 2048);
  assert.equal(config.logLevel, 'warn');
  assert.deepEqual(config.tls, { cert: 'c.pem', key: 'k.pem' });
});

test('boolean flags: --name, --no-name and --name=false', () => {
  assert.equal(load(['--no-open-registration']).config.openRegistration, false);
  assert.equal(load(['--open-registration'], { ATOLL_OPEN_REGISTRATION: 'false' }).config.openRegistration, true);
  assert.equal(load(['--open-registration=false']).config.openRegistration, false);
});

test('tls from file, and a half-set tls is refused by name', () => {
  assert.deepEqual(load([], { ATOLL_CONFIG: configFile({ tls: { cert: 'a', key: 'b' } }) }).config.tls, { cert: 'a', key: 'b' });
  assert.equal(load([], { ATOLL_CONFIG: configFile({ tls: null }) }).config.tls, null);
  assertUsageError(() => load(['--tls-cert', 'only.pem']), /invalid configuration/, /tls needs both cert and key/);
});

test('empty environment variables count as unset; unknown ATOLL_* variables only warn', () => {
  const { config, warnings } = load([], { ATOLL_HTTP_PORT: '', ATOLL_HTTP_PROT: '1', ATOLL_PASSWORD: 'x' });
  assert.equal(config.httpPort, defaultConfig.httpPort);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /ATOLL_HTTP_PROT/);
});

test('unknown flag names the flag', () => {
  assertUsageError(() => load(['--http-prot', '1']), /unknown flag --http-prot/, /--http-port/);
  assertUsageError(() => load(['-x']), /unknown flag -x/);
  assertUsageError(() => load(['--no-host']), /unknown flag --no-host/);
});

test('a flag without its value is refused', () => {
  assertUsageError(() => load(['--http-port']), /--http-port needs a value/);
});

test('bad numbers name the flag or variable and the value', () => {
  assertUsageError(() => load(['--http-port', 'eighty']), /--http-port: expected a number, got "eighty"/);
  assertUsageError(() => load([], { ATOLL_SCRYPT_N: '16k' }), /environment variable ATOLL_SCRYPT_N: expected a number, got "16k"/);
  assertUsageError(() => load(['--fragments=']), /--fragments: expected a number, got ""/);
});

test('bad booleans and choices say what is accepted', () => {
  assertUsageError(() => load([], { ATOLL_OPEN_REGISTRATION: 'maybe' }), /ATOLL_OPEN_REGISTRATION: expected true or false/, /"maybe"/);
  assertUsageError(() => load(['--log-level', 'loud']), /--log-level: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"/);
});

test('range checks of resolveConfig surface as usage errors naming the key', () => {
  assertUsageError(() => load(['--http-port', '70000']), /invalid configuration: httpPort must be an integer from 0 to 65535/);
  assertUsageError(() => load([], { ATOLL_IDLE_TIMEOUT_MS: '1000' }), /idleTimeoutMs \(1000\) must be longer than heartbeatMs/);
});

test('unknown key in the file names the key and the file', () => {
  const file = configFile({ httpPort: 1, htpPort: 2 });
  assertUsageError(() => load(['--config', file]), new RegExp(`config file ${file}: unknown key "htpPort"`), /known keys: .*httpPort/);
  const nested = configFile({ scrypt: { N: 1024, n: 2 } });
  assertUsageError(() => load(['--config', nested]), /unknown key "scrypt.n"; known keys of "scrypt": N, r, p/);
});

test('wrongly typed file values name the key and the expected type', () => {
  assertUsageError(() => load(['--config', configFile({ httpPort: '5280' })]), /"httpPort": expected a number, got "5280"/);
  assertUsageError(() => load(['--config', configFile({ openRegistration: 'yes' })]), /"openRegistration": expected a boolean/);
  assertUsageError(() => load(['--config', configFile({ scrypt: 5 })]), /"scrypt" must be an object/);
  assertUsageError(() => load(['--config', configFile({ logLevel: 'loud' })]), /"logLevel": expected one of/);
});

test('unreadable config file names the file', () => {
  const missing = join(dir, 'does-not-exist.json');
  assertUsageError(() => load(['--config', missing]), new RegExp(`cannot read config file ${missing}: ENOENT`));
  assertUsageError(() => load(['--config', dir]), /cannot read config file .*EISDIR/);
});

test('bad JSON names the file', () => {
  const file = configFile('{"httpPort": 5280,');
  assertUsageError(() => load(['--config', file]), new RegExp(`config file ${file} is not valid JSON`));
  assertUsageError(() => load(['--config', configFile('[1, 2]')]), /must hold a JSON object of settings/);
});
