// `atoll bench` hands its arguments to src/bench/main.js and exits with its code, and says so
// clearly when that module is absent. Runs a copy of the CLI beside a stand-in bench module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCliAt } from './cli-harness.js';

const built = fileURLToPath(new URL('../../src/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'atoll-cli-bench-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function copyCli(root: string): string {
  cpSync(join(built, 'cli'), join(root, 'src', 'cli'), { recursive: true });
  cpSync(join(built, 'config.js'), join(root, 'src', 'config.js'));
  cpSync(join(built, 'version.js'), join(root, 'src', 'version.js'));
  return join(root, 'src', 'cli', 'main.js');
}

test('bench runs src/bench/main.js main(argv) and exits with its code', async () => {
  const main = copyCli(join(dir, 'with'));
  mkdirSync(join(dir, 'with', 'src', 'bench'));
  writeFileSync(join(dir, 'with', 'src', 'bench', 'main.js'),
    'export async function main(argv) { process.stdout.write(JSON.stringify(argv) + "\\n"); return 7; }\n');
  const result = await runCliAt(main, ['bench', 'scenario', '--help', '--clients', '10']);
  assert.equal(result.code, 7, result.stderr);
  assert.equal(result.stdout, '["scenario","--help","--clients","10"]\n', 'arguments, --help included, go to bench untouched');
});

test('bench without its module: a clear error and exit 1', async () => {
  const main = copyCli(join(dir, 'without'));
  const result = await runCliAt(main, ['bench', 'x']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /^atoll bench: the load generator is not part of this build \(.*bench\/main\.js is missing\)\n$/);
});
