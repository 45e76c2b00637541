// Regenerates the static protobuf code in src/protocol/generated/ from proto/atoll/v1/atoll.proto.
// The output is committed, so installing Atoll never needs the generator.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const out = 'src/protocol/generated';
mkdirSync(out, { recursive: true });
const bin = 'node_modules/.bin';
execFileSync(`${bin}/pbjs`, ['-t', 'static-module', '-w', 'es6', '--no-beautify', '--force-number',
  '--no-verify', '--no-convert', '--no-service', '-o', `${out}/atoll.js`, 'proto/atoll/v1/atoll.proto'], { stdio: 'inherit' });
execFileSync(`${bin}/pbts`, ['--no-comments', '-o', `${out}/atoll.d.ts`, `${out}/atoll.js`], { stdio: 'inherit' });
