// Loopback source addresses for outgoing connections: each (source, destination) pair has about
// 28,000 ephemeral ports, so many connections to one server port must come from several sources.

/**
 * Connections placed on one source address before moving to the next. Far below the ~28,000 ports
 * of one address: a socket bound to a source before connecting cannot reuse a port still in
 * TIME_WAIT (60 s) from an earlier run, so back-to-back runs of 19,000 connections from one address
 * failed with EADDRINUSE. 1,000 per address leaves room for many runs a minute.
 */
export const PER_SOURCE = 1_000;

/** True when `host` is an IPv4 loopback address, where any 127.x.y.z may be used as a source. */
export function isLoopbackV4(host: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The n-th source address: 127.0.0.2, 127.0.0.3, ... 127.0.0.254, 127.0.1.1, ... */
export function sourceAddressAt(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`source address index must be a non-negative integer, got ${n}`);
  const usable = 253; // .1 is the server's usual address and .255 is avoided
  const third = Math.floor(n / usable);
  const fourth = third === 0 ? 2 + n : 1 + (n % usable);
  if (third > 255) throw new RangeError('ran out of 127.0.x.y source addresses');
  return third === 0 ? `127.0.0.${fourth}` : `127.0.${third}.${fourth}`;
}

/**
 * Source address for global connection number `index` toward `host`, or undefined when the
 * kernel should choose (the server is not on IPv4 loopback, so spoofing sources would fail).
 */
export function sourceFor(index: number, host: string, perSource = PER_SOURCE): string | undefined {
  if (!isLoopbackV4(host)) return undefined;
  return sourceAddressAt(Math.floor(index / perSource));
}
