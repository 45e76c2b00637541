// The built package type-checks for a TypeScript consumer: `atoll` and `atoll/client` resolve
// through package.json's exports to dist/, and every declaration they pull in is there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: this file is <root>/dist/test/scripts/build-types.test.js. */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const built = existsSync(join(root, 'package.json')) && existsSync(join(root, 'dist', 'test', 'scripts', 'build-types.test.js'));

const CONSUMER = `import { startServer, resolveConfig, type AtollServer } from 'atoll';
import { Client, AtollError, type ReceivedMessage, type LoginInfo } from 'atoll/client';

export async function run(): Promise<number> {
  const server: AtollServer = await startServer(resolveConfig({ dataDir: '/tmp/x' }));
  const client = new Client({ server: 'ws://127.0.0.1:5280' });
  client.on('message', (m: ReceivedMessage) => { const seq: number = m.seq; void seq; });
  const info: LoginInfo = await client.login({ user: 'a', password: 'password1' });
  const err = new AtollError('TIMEOUT', 'x');
  await server.close();
  return info.ackedSeq + err.retryAfterMs;
}
`;

test('a TypeScript consumer of atoll and atoll/client type-checks against the built package', { skip: built ? false : 'run from the default build (dist/) of a checkout' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'atoll-consumer-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(root, join(dir, 'node_modules', 'atoll'), 'dir');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
    writeFileSync(join(dir, 'consumer.ts'), CONSUMER);
    // No skipLibCheck: a declaration that imports a missing file must be an error, not `any`.
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true,
        skipLibCheck: false, types: ['node'], typeRoots: [join(root, 'node_modules', '@types')],
      },
      files: ['consumer.ts'],
    }));
    const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
    const run = spawnSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, `tsc found errors in the built package:\n${run.stdout}${run.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
