// What recovery found unreadable or missing in a log, and how to say it in one sentence.

import { basename } from 'node:path';
import type { DamageReason } from './scan.js';

/** Unreadable or missing bytes that held (or should hold) records. */
export interface DamagedRange {
  /** The segment holding the bad bytes; for a missing segment, the name it would have. */
  segment: string;
  /** Where the bad bytes start in that segment, and how many there are (0 when missing). */
  offset: number;
  bytes: number;
  /** First LSN lost. */
  fromLsn: number;
  /** First LSN after the loss; null when unknown (the segments at the end of the log are missing). */
  toLsn: number | null;
  reason: DamageReason;
  /** Whether records at or above the checkpoint, which the owner still needs, were lost. */
  needed: boolean;
}

export interface LogDamage {
  dir: string;
  checkpoint: number;
  ranges: DamagedRange[];
  /** Copies of the damaged segments, made before anything was changed. */
  quarantined: string[];
}

const REASONS: Record<DamageReason, string> = {
  'short-header': 'cut short inside a record header',
  'short-payload': 'a record runs past the end of the file',
  checksum: 'checksum mismatch',
  lsn: 'a record does not carry the LSN that should come next',
  missing: 'missing',
};

/** Needed records lost: a count, and whether more than that may be gone (unknown extent). */
export function lostRecords(damage: LogDamage): { count: number; unknownMore: boolean } {
  let count = 0;
  let unknownMore = false;
  for (const r of damage.ranges) {
    if (!r.needed) continue;
    if (r.toLsn === null) unknownMore = true;
    else count += r.toLsn - Math.max(r.fromLsn, damage.checkpoint);
  }
  return { count, unknownMore };
}

/** One range as a phrase: which LSNs, where, and why. */
export function describeRange(r: DamagedRange): string {
  const file = basename(r.segment);
  if (r.toLsn === null) return `everything logged from LSN ${r.fromLsn} on (the segments holding it are missing; the log ends in ${file})`;
  const lsns = r.toLsn - r.fromLsn === 1 ? `LSN ${r.fromLsn}` : r.toLsn > r.fromLsn ? `LSN ${r.fromLsn}-${r.toLsn - 1}` : 'no record';
  if (r.reason === 'missing' && r.bytes === 0) return `${lsns}: segment ${file} is missing or empty`;
  return `${lsns} in ${r.bytes} bytes at offset ${r.offset} of ${file} (${REASONS[r.reason]})`;
}

export function describeDamage(damage: LogDamage): string {
  const { count, unknownMore } = lostRecords(damage);
  const needed = damage.ranges.filter((r) => r.needed).map(describeRange).join('; ');
  const lost = unknownMore
    ? `${count > 0 ? `${count} needed records and ` : ''}an unknown number of records are`
    : `${count} needed record${count === 1 ? ' is' : 's are'}`;
  const below = damage.checkpoint > 0 ? ` (needed: at or above the checkpoint, LSN ${damage.checkpoint})` : '';
  const copies = damage.quarantined.length > 0 ? `; copies of the damaged segments are in ${damage.quarantined.join(', ')}` : '';
  return `log ${damage.dir}: ${lost} unreadable${below}: ${needed}${copies}`;
}
