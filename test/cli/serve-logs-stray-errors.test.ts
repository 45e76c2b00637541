// `atoll serve` owns the process: a promise rejected with no handler is logged with its stack and
// the server keeps serving; an uncaught exception is logged at fatal and the process exits 2.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CliProcess, FAST_SERVER_FLAGS, cleanEnv, parseJson } from './cli-harness.js';

const root = mkdtempSync(join(tmpdir(), 'atoll-stray-errors-'));
after(() => rmSync(root, { recursive: true, force: true }));

// A stand-in for a bug: SIGUSR2 drops a rejected promise, SIGHUP throws from a callback.
const SCRIPT = `
import { serve } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, '../../src/cli/serve.js')).href)};
process.on('SIGUSR2', () => { Promise.reject(new Error('stray rejection for the test')); });
process.on('SIGHUP', () => { setImmediate(() => { throw new Error('stray exception for the test'); }); });
serve(process.argv.slice(2)).then((code) => process.exit(code), (err) => { console.error(err.message); process.exit(err.exitCode ?? 1); });
`;

test('an unhandled rejection is logged and the server keeps running; an uncaught exception is logged and exits 2', async () => {
  const script = join(root, 'serve-with-bugs.mjs');
  writeFileSync(script, SCRIPT);
  const serve = new CliProcess(['--data', join(root, 'data'), ...FAST_SERVER_FLAGS], cleanEnv(), script);
  try {
    const listening = parseJson(await serve.waitFor((l) => typeof parseJson(l)?.httpPort === 'number', 15_000))!;
    serve.child.kill('SIGUSR2');
    const logged = parseJson(await serve.waitFor((l) => /unhandled promise rejection/.test(l)))!;
    assert.equal(logged.level, 50);
    assert.match(String((logged.err as { stack?: string }).stack), /stray rejection for the test/);
    const health = await fetch(`http://127.0.0.1:${listening.httpPort as number}/healthz`);
    assert.equal(health.status, 200, 'still serving after the rejection');
    serve.child.kill('SIGHUP');
    const fatal = parseJson(await serve.waitFor((l) => /uncaught exception/.test(l)))!;
    assert.equal(fatal.level, 60);
    assert.match(String((fatal.err as { stack?: string }).stack), /stray exception for the test/);
    assert.equal((await serve.stop()).code, 2);
  } finally {
    await serve.stop('SIGKILL');
  }
});
