// Runs every compiled *.test.js under <outDir>/test with node's test runner (Node 20 has no glob
// support in --test, and a bare directory would also run fixtures and helpers).
// Usage: node scripts/test.mjs [outDir] [extra node --test flags...]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const outDir = process.argv[2] ?? 'dist';
const files = readdirSync(join(outDir, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.js'))
  .map((f) => join(outDir, 'test', f))
  .sort();
if (files.length === 0) {
  console.error(`no *.test.js files under ${outDir}/test: build first (node scripts/build.mjs ${outDir})`);
  process.exit(1);
}
const run = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...process.argv.slice(3), ...files], { stdio: 'inherit' });
process.exit(run.status ?? 1);
