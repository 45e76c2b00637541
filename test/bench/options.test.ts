import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBenchArgs, parseTarget } from '../../src/bench/options.js';
import { sourceAddressAt, sourceFor } from '../../src/bench/addresses.js';
import { CliError } from '../../src/cli/errors.js';

test('defaults: tcp to the local server, 1000 users, 1000 msgs/s, one step', () => {
  const o = parseBenchArgs(['chat']);
  assert.notEqual(o, 'help');
  if (o === 'help') return;
  assert.equal(o.scenario, 'chat');
  assert.deepEqual(o.target, { transport: 'tcp', host: '127.0.0.1', port: 5223, path: '', domain: 'localhost' });
  assert.equal(o.users, 1000);
  assert.equal(o.rate, 1000);
  assert.equal(o.steps, 1);
  assert.equal(o.durationS, 10);
  assert.equal(o.json, false);
  assert.equal(o.register, true);
});

test('flags are read with their types', () => {
  const o = parseBenchArgs(['chat', '--server', 'ws://localhost:9000', '--users=5000', '--rate', '2000', '--step', '2000', '--steps', '4',
    '--duration', '20', '--workers', '2', '--json', '--server-pid', '1234', '--no-register']);
  if (o === 'help') return assert.fail('help');
  assert.deepEqual(o.target, { transport: 'ws', host: '127.0.0.1', port: 9000, path: '/v1/ws', domain: 'localhost' });
  assert.equal(o.users, 5000);
  assert.equal(o.step, 2000);
  assert.equal(o.steps, 4);
  assert.equal(o.workers, 2);
  assert.equal(o.serverPid, 1234);
  assert.equal(o.json, true);
  assert.equal(o.register, false);
});

test('xmpp targets carry their domain; storm defaults its rate from the users', () => {
  assert.deepEqual(parseTarget('xmpp://127.0.0.1:15222?domain=bench.local'), { transport: 'xmpp', host: '127.0.0.1', port: 15222, path: '', domain: 'bench.local' });
  const o = parseBenchArgs(['storm', '--users', '3000']);
  if (o === 'help') return assert.fail('help');
  assert.equal(o.rate, 300);
});

test('the register scenario always registers, even with --no-register', () => {
  const o = parseBenchArgs(['register', '--users', '19000', '--no-register']);
  if (o === 'help') return assert.fail('help');
  assert.equal(o.scenario, 'register');
  assert.equal(o.register, true);
  assert.equal(o.users, 19000);
});

test('help, and clear errors for bad input', () => {
  assert.equal(parseBenchArgs(['--help']), 'help');
  assert.equal(parseBenchArgs(['chat', '-h']), 'help');
  const bad: [string[], RegExp][] = [
    [[], /name a scenario/],
    [['groups'], /groups.*not have yet/],
    [['dance'], /unknown scenario dance/],
    [['chat', '--users', '0'], /--users must be an integer >= 1/],
    [['chat', '--users', 'many'], /expected a number/],
    [['chat', '--frobnicate'], /unknown flag --frobnicate/],
    [['chat', '--server', 'http://127.0.0.1:1'], /not supported/],
    [['chat', '--server', 'wss://127.0.0.1:1'], /not supported/],
    [['chat', '--server', 'tcp://10.1.2.3:5223'], /must be on loopback/],
    [['chat', '--server', 'not a url'], /not a URL/],
    [['chat', '--spawn-server', '--server-pid', '5'], /exclude each other/],
    [['connect', '--spawn-server', '--server', 'xmpp://127.0.0.1:5222'], /starts Atoll/],
  ];
  for (const [argv, re] of bad) {
    assert.throws(() => parseBenchArgs(argv), (err: unknown) => err instanceof CliError && re.test(err.message), argv.join(' '));
  }
});

test('source addresses: 127.0.0.2 upward, spread per block of connections, none off loopback', () => {
  assert.equal(sourceAddressAt(0), '127.0.0.2');
  assert.equal(sourceAddressAt(252), '127.0.0.254');
  assert.equal(sourceAddressAt(253), '127.0.1.1');
  assert.equal(sourceFor(0, '127.0.0.1', 25_000), '127.0.0.2');
  assert.equal(sourceFor(24_999, '127.0.0.1', 25_000), '127.0.0.2');
  assert.equal(sourceFor(25_000, '127.0.0.1', 25_000), '127.0.0.3');
  assert.equal(sourceFor(5, '::1'), undefined);
  assert.throws(() => sourceAddressAt(-1), RangeError);
});

test('--away and --away-for: the mostly-online chat mix, with defaults and bounds', () => {
  const d = parseBenchArgs(['chat']);
  if (d === 'help') return assert.fail('help');
  assert.equal(d.away, 0);
  assert.equal(d.awayForS, 5);
  const o = parseBenchArgs(['chat', '--away', '0.05', '--away-for', '30']);
  if (o === 'help') return assert.fail('help');
  assert.equal(o.away, 0.05);
  assert.equal(o.awayForS, 30);
  assert.throws(() => parseBenchArgs(['chat', '--away', '0.6']), (e: unknown) => e instanceof CliError && /0 to 0.5/.test(e.message));
  assert.throws(() => parseBenchArgs(['chat', '--away', '-0.1']), CliError);
  assert.throws(() => parseBenchArgs(['chat', '--away', '0.1', '--away-for', '0.1']), CliError);
  assert.throws(() => parseBenchArgs(['offline', '--away', '0.1']), (e: unknown) => e instanceof CliError && /chat scenario/.test(e.message));
});

test('--xmpp-work picks plain (default) or equal work for xmpp:// servers only', () => {
  const plain = parseBenchArgs(['chat', '--server', 'xmpp://127.0.0.1:5222']);
  if (plain === 'help') return assert.fail('help');
  assert.equal(plain.xmppWork, 'plain');
  const equal = parseBenchArgs(['chat', '--server', 'xmpp://127.0.0.1:5222', '--xmpp-work', 'equal']);
  if (equal === 'help') return assert.fail('help');
  assert.equal(equal.xmppWork, 'equal');
  assert.throws(() => parseBenchArgs(['chat', '--server', 'xmpp://127.0.0.1:5222', '--xmpp-work', 'more']), /--xmpp-work is plain or equal/);
  assert.throws(() => parseBenchArgs(['chat', '--xmpp-work', 'equal']), /applies to xmpp:\/\//);
});

test('--until-saturated is a chat ladder with a step; it allows up to 30 steps unless told', () => {
  const o = parseBenchArgs(['chat', '--rate', '1000', '--step', '1000', '--until-saturated']);
  if (o === 'help') return assert.fail('help');
  assert.equal(o.untilSaturated, true);
  assert.equal(o.steps, 30);
  assert.equal(o.saturationP99Ms, 200);
  const capped = parseBenchArgs(['chat', '--step', '500', '--steps', '12', '--until-saturated', '--saturation-p99', '100']);
  if (capped === 'help') return assert.fail('help');
  assert.equal(capped.steps, 12);
  assert.equal(capped.saturationP99Ms, 100);
  assert.throws(() => parseBenchArgs(['chat', '--until-saturated']), /give --step/);
  assert.throws(() => parseBenchArgs(['connect', '--step', '5', '--until-saturated']), /chat ladder/);
});
