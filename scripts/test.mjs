// Runs every compiled *.test.js under <outDir>/test with node's test runner (Node 20 has no glob
// support in --test, and a bare directory would also run fixtures and helpers).
// Runs them once more through the serialising router (ATOLL_ROUTER=serializing) unless ATOLL_ROUTER is set.
// Usage: node scripts/test.mjs [outDir] [extra node --test flags...]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const outDir = process.argv[2] ?? 'dist';
ensureChromium();
const files = readdirSync(join(outDir, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.js'))
  .map((f) => join(outDir, 'test', f))
  .sort();
if (files.length === 0) {
  console.error(`no *.test.js files under ${outDir}/test: build first (node scripts/build.mjs ${outDir})`);
  process.exit(1);
}
// A test that hangs fails after TEST_TIMEOUT_MS instead of stalling the run, and a file whose test
// failed with a server still open exits once its tests are done instead of waiting on its timers.
const TEST_TIMEOUT_MS = 300_000;
const flags = ['--test', '--test-concurrency=2', `--test-timeout=${TEST_TIMEOUT_MS}`, '--test-force-exit'];
const run = (list, env) => spawnSync(process.execPath, [...flags, ...process.argv.slice(3), ...list], { stdio: 'inherit', env }).status ?? 1;
const status = run(files, process.env);
if (status !== 0 || process.env.ATOLL_ROUTER) process.exit(status);
// Again with every router message encoded to bytes and back: proves only plain data crosses
// between services. Tests that never start a node (the log, the codec, the build) run once.
const once = [join('test', 'store', 'log'), join('test', 'protocol'), join('test', 'scripts')].map((d) => join(outDir, d));
const nodeTests = files.filter((f) => !once.some((d) => f.startsWith(d)));
console.error(`\nthe suite again with ATOLL_ROUTER=serializing (${nodeTests.length} files)`);
process.exit(run(nodeTests, { ...process.env, ATOLL_ROUTER: 'serializing' }));

/** The browser test drives Debian's Chromium; install it when missing and we may (root with apt). */
function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canApt) {
    console.error('the browser test needs Chromium at /usr/bin/chromium: install it (Debian: apt-get install chromium)');
    process.exit(1);
  }
  console.error('installing Chromium for the browser test: apt-get update && apt-get install -y chromium');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed; install Chromium by hand and rerun`);
      process.exit(1);
    }
  }
}
