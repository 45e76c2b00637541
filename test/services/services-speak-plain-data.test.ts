// Services produce domain events and plain data only: none imports the wire protocol or the
// gateway, so a second codec (XMPP) and a second router (NATS) plug in without touching them.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SERVICES = fileURLToPath(new URL('../../../src/services', import.meta.url));

test('no file under src/services imports the wire protocol or the gateway', () => {
  const files = readdirSync(SERVICES, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length >= 10, `found the service sources (${files.length} files in ${SERVICES})`);
  const offenders: string[] = [];
  for (const file of files) {
    const source = readFileSync(join(SERVICES, file), 'utf8');
    for (const m of source.matchAll(/from\s+'([^']+)'/g)) {
      if (/\/(protocol|gateway)\//.test(m[1])) offenders.push(`${file} imports ${m[1]}`);
    }
  }
  assert.deepEqual(offenders, []);
});
