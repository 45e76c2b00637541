// Proves the client runs in a real browser: bundles it with esbuild for the browser, serves it
// from a local HTTP server, and has headless Chromium log in and exchange messages with a Node
// client through the real server over WebSocket.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { Client, type ReceivedMessage } from '../../src/client/index.js';
import { startTestServer } from '../helpers/server.js';
import { nextEvent } from './fake-server.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Bundles the compiled client (beside this test in dist/ or .tmp/<name>/) as one browser ES module. */
async function bundleClient(): Promise<string> {
  const entry = fileURLToPath(new URL('../../src/client/index.js', import.meta.url));
  const result = await build({
    entryPoints: [entry], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent',
    // Node-only transports load lazily and are never reached in a browser.
    external: ['ws', 'node:*'],
  });
  return result.outputFiles[0].text;
}

function serve(files: Record<string, { type: string; body: string }>): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const file = files[req.url ?? '/'];
    if (file === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>atoll</title>
<script type="module">
  import * as atoll from '/atoll.js';
  window.atoll = atoll;
  window.atollReady = true;
</script>`;

test('the client bundles for the browser and chats with a Node client through the real server', { timeout: 60_000 }, async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: install Debian's Chromium (apt-get update && apt-get install -y chromium) to run the browser test`);
  const bundle = await bundleClient();
  // A browser cannot load node: modules: they may appear only as lazy import() calls.
  assert.doesNotMatch(bundle, /^\s*import\s[^(]*from\s*["'](node:|ws["'])/m, 'the bundle imports a Node module eagerly');
  assert.doesNotMatch(bundle, /\brequire\(["']node:/, 'the bundle requires a Node module');

  const server = await startTestServer();
  const web = await serve({ '/': { type: 'text/html', body: PAGE }, '/atoll.js': { type: 'text/javascript', body: bundle } });
  const profile = mkdtempSync(join(tmpdir(), 'atoll-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: false, args: CHROMIUM_ARGS });
  const node = new Client({ server: server.tcp, user: 'nodeuser', password: 'password1', device: 'server-side' });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`http://127.0.0.1:${(web.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => (window as unknown as { atollReady?: boolean }).atollReady === true, undefined, { timeout: 10_000 });
    assert.equal(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process), 'undefined', 'a real browser, not Node');

    await node.register('nodeuser', 'password1');
    await node.login();

    // In the browser: register, log in over ws://, wait for a message, answer it.
    const browserSide = page.evaluate(async (url: string) => {
      type Atoll = typeof import('../../src/client/index.js');
      const { Client } = (window as unknown as { atoll: Atoll }).atoll;
      const client = new Client({ server: url, user: 'webuser', password: 'password1', device: 'chromium' });
      await client.register('webuser', 'password1');
      const login = await client.login();
      (window as unknown as { loggedIn: boolean }).loggedIn = true;
      const received = await new Promise<{ text: string; from: string; body: number[] }>((resolve) => {
        client.on('message', (m) => resolve({ text: m.text, from: m.from, body: [...m.body] }));
      });
      const delivered = new Promise<string[]>((resolve) => client.on('receipt', (r) => resolve(r.ids)));
      const sent = await client.send('nodeuser', `echo: ${received.text}`, { id: 'from-browser-1' });
      const receiptIds = await delivered;
      await client.close();
      return { login: { user: login.user, device: login.device }, received, sent, receiptIds, state: client.state };
    }, server.ws);

    await page.waitForFunction(() => (window as unknown as { loggedIn?: boolean }).loggedIn === true, undefined, { timeout: 10_000 });
    const reply = nextEvent(node, 'message', 10_000);
    await node.send('webuser', 'hello from node ✓');
    const m: ReceivedMessage = await reply;
    const result = await browserSide;

    assert.deepEqual(result.login, { user: 'webuser', device: 'chromium' });
    assert.equal(result.received.text, 'hello from node ✓');
    assert.equal(result.received.from, 'nodeuser');
    assert.deepEqual(result.received.body, [...new TextEncoder().encode('hello from node ✓')]);
    assert.equal(result.sent.id, 'from-browser-1');
    assert.deepEqual(result.receiptIds, ['from-browser-1'], 'the browser got the delivered receipt');
    assert.equal(result.state, 'closed');
    assert.equal(m.text, 'echo: hello from node ✓');
    assert.equal(m.from, 'webuser');
    assert.equal(m.fromDevice, 'chromium');
    assert.deepEqual(pageErrors, []);
  } finally {
    await node.close();
    await context.close();
    await new Promise<void>((resolve) => web.close(() => resolve()));
    await server.stop();
    rmSync(profile, { recursive: true, force: true });
  }
});
