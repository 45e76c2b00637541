// parseServerUrl: the accepted forms, the implied WebSocket path, and clear errors for the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServerUrl, ServerUrlError } from '../../src/client/index.js';

test('ws:// without a path implies /v1/ws', () => {
  assert.deepEqual(parseServerUrl('ws://127.0.0.1:5280'), { kind: 'ws', secure: false, url: 'ws://127.0.0.1:5280/v1/ws', host: '127.0.0.1', port: 5280, path: '/v1/ws' });
  assert.equal(parseServerUrl('ws://example.org:80/').url, 'ws://example.org/v1/ws');
});

test('ws:// and wss:// keep an explicit path and default their ports', () => {
  const t = parseServerUrl('wss://chat.example.org/custom/ws');
  assert.equal(t.kind, 'ws');
  assert.equal(t.secure, true);
  assert.equal(t.port, 443);
  assert.equal(t.url, 'wss://chat.example.org/custom/ws');
  assert.equal(parseServerUrl('ws://h').port, 80);
});

test('tcp:// and tls:// need a port and take no path', () => {
  assert.deepEqual(parseServerUrl('tcp://127.0.0.1:5223'), { kind: 'tcp', secure: false, url: 'tcp://127.0.0.1:5223', host: '127.0.0.1', port: 5223 });
  assert.deepEqual(parseServerUrl('tls://[::1]:5223'), { kind: 'tcp', secure: true, url: 'tls://[::1]:5223', host: '::1', port: 5223 });
  assert.throws(() => parseServerUrl('tcp://127.0.0.1'), /needs an explicit port/);
  assert.throws(() => parseServerUrl('tcp://127.0.0.1:5223/x'), /takes no path/);
});

test('bad URLs throw ServerUrlError naming every accepted form', () => {
  const cases: [string, RegExp][] = [
    ['', /empty/],
    ['127.0.0.1:5280', /unsupported scheme|not a URL/],
    ['http://127.0.0.1:5280', /unsupported scheme "http:"/],
    ['ws://', /not a URL|host is missing/],
    ['ws://bob:secret@h:1', /credentials/],
    ['tcp://h:0', /port 0 is not from 1 to 65535/],
    ['tcp://h:99999', /not a URL|port/],
    ['not a url', /not a URL/],
  ];
  for (const [url, why] of cases) {
    assert.throws(() => parseServerUrl(url), (err: unknown) => {
      assert.ok(err instanceof ServerUrlError, `${url}: not a ServerUrlError`);
      assert.match(err.message, why, url);
      assert.match(err.message, /ws:\/\/host:port\[\/path\], wss:\/\/host:port\[\/path\], tcp:\/\/host:port or tls:\/\/host:port/);
      return true;
    });
  }
});
