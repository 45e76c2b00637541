// Makes `npx atoll` work from the repository root: npm links the bins of dependencies into
// node_modules/.bin but never the root package's own, so link it there after each build.
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';

const target = 'dist/src/cli/main.js';
if (!existsSync(target)) {
  console.error(`link-bin: ${target} is missing; run the build first`);
  process.exit(1);
}
chmodSync(target, 0o755);
mkdirSync('node_modules/.bin', { recursive: true });
rmSync('node_modules/.bin/atoll', { force: true });
symlinkSync('../../dist/src/cli/main.js', 'node_modules/.bin/atoll');
