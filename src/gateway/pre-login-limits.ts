// Caps the connections that have not logged in yet, per source address and in total: such a
// connection costs a socket, a file descriptor and buffers while proving nothing, so one address
// (or a botnet) must not be able to hold them by the thousand and lock out real users.
import net from 'node:net';

/** Why a new connection was refused. */
export type RefusalReason = 'address_limit' | 'pre_login_limit';

/** One connection's place in the counts, given back once (at login or close, whichever is first). */
export class PreLoginSlot {
  private held = true;

  constructor(private readonly limits: PreLoginLimits, readonly key: string) {}

  release(): void {
    if (!this.held) return;
    this.held = false;
    this.limits.release(this.key);
  }
}

export class PreLoginLimits {
  private readonly perAddress = new Map<string, number>();
  private total = 0;

  constructor(private readonly maxPerAddress: number, private readonly maxTotal: number) {}

  /** Connections not logged in now. */
  get size(): number {
    return this.total;
  }

  /** Takes a slot for a new connection from `address`, or says why it is refused. */
  admit(address: string | undefined): PreLoginSlot | RefusalReason {
    const key = addressKey(address ?? '');
    const held = this.perAddress.get(key) ?? 0;
    if (held >= this.maxPerAddress) return 'address_limit';
    if (this.total >= this.maxTotal) return 'pre_login_limit';
    this.perAddress.set(key, held + 1);
    this.total++;
    return new PreLoginSlot(this, key);
  }

  /** Called by PreLoginSlot only. */
  release(key: string): void {
    this.total--;
    const held = this.perAddress.get(key) ?? 0;
    if (held <= 1) this.perAddress.delete(key);
    else this.perAddress.set(key, held - 1);
  }
}

/**
 * What connections are counted by: an IPv4 address as it is (also when it comes IPv4-mapped,
 * ::ffff:a.b.c.d), an IPv6 address by its /64, since one host or home network usually gets a
 * whole /64 and could otherwise pick a fresh address for every connection.
 */
export function addressKey(address: string): string {
  const bare = address.split('%')[0].toLowerCase();
  if (net.isIPv4(bare)) return bare;
  if (bare.startsWith('::ffff:') && net.isIPv4(bare.slice(7))) return bare.slice(7);
  if (!net.isIPv6(bare)) return bare;
  return `${expandIPv6(bare).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, without leading zeros ('::' filled in). */
function expandIPv6(address: string): string[] {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, null];
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === null ? [] : groups(tail);
  // An embedded IPv4 tail (::1.2.3.4) counts as two groups; it only matters past the /64 anyway.
  const width = (gs: string[]) => gs.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const fill = tail === null ? [] : new Array<string>(8 - width(left) - width(right)).fill('0');
  return [...left, ...fill, ...right].map((g) => (g.includes('.') ? g : (parseInt(g, 16) || 0).toString(16)));
}
