// The published package carries what its bin and exports point at (compiled code and its type
// declarations) and none of the tests, bench results or build output of the tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: this file is <root>/dist/test/scripts/package-contents.test.js. */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const built = existsSync(join(root, 'package.json')) && existsSync(join(root, 'dist', 'test', 'scripts', 'package-contents.test.js'));

test('npm pack includes the bin, the exports and their declarations, and no tests', { skip: built ? false : 'run from the default build (dist/) of a checkout' }, () => {
  // --ignore-scripts: `prepare` would rebuild dist/ under the running suite.
  const run = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const files = new Set((JSON.parse(run.stdout) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string>; exports: Record<string, string> };
  const wanted = [...Object.values(pkg.bin), ...Object.values(pkg.exports)].map((p) => p.replace(/^\.\//, ''));
  wanted.push(...wanted.filter((p) => p.endsWith('.js')).map((p) => p.replace(/\.js$/, '.d.ts')));
  wanted.push('dist/src/protocol/generated/atoll.d.ts', 'dist/src/protocol/generated/atoll.js', 'proto/atoll/v1/atoll.proto');
  for (const path of wanted) assert.ok(files.has(path), `${path} is in the package`);
  const strays = [...files].filter((p) => p.startsWith('dist/test/') || p.startsWith('test/') || p.startsWith('bench/results/'));
  assert.deepEqual(strays, [], 'no tests or bench results in the package');
});
