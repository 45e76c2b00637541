// Builds Atoll: compiles the TypeScript and copies the generated protobuf code (JavaScript and its
// declarations, which the compiled .d.ts files import) beside it.
// Usage: node scripts/build.mjs [outDir]   (default dist)
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const outDir = process.argv[2] ?? 'dist';
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--outDir', outDir], { stdio: 'inherit' });
// Copy even when tsc reported type errors (it still emits), so a half-finished file elsewhere
// does not leave the build without its protobuf code; the exit code still reports the errors.
mkdirSync(`${outDir}/src/protocol/generated`, { recursive: true });
for (const file of ['atoll.js', 'atoll.d.ts']) cpSync(`src/protocol/generated/${file}`, `${outDir}/src/protocol/generated/${file}`);
// The bin runs directly too (./dist/src/cli/main.js), not only through npm's shim.
if (existsSync(`${outDir}/src/cli/main.js`)) chmodSync(`${outDir}/src/cli/main.js`, 0o755);
process.exit(tsc.status ?? 1);
