// Builds Atoll: compiles the TypeScript and copies the generated protobuf JavaScript beside it.
import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const outDir = process.argv[2] ?? 'dist';
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--outDir', outDir], { stdio: 'inherit' });
cpSync('src/protocol/generated/atoll.js', `${outDir}/src/protocol/generated/atoll.js`);
