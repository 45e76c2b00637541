// Public surface of the append-only group-commit log.

export { GroupCommitLog, holdsLog } from './group-commit-log.js';
export type { LogEvent, LogObserver, LogOptions, LogStats, LogTail, ReplayResult } from './group-commit-log.js';
export { QUARANTINE_DIR } from './group-commit-log.js';
export { describeDamage, describeRange, lostRecords } from './damage.js';
export type { DamagedRange, LogDamage } from './damage.js';
export { LogSet } from './log-set.js';
export type { LogSetOptions, SetRecordHandler } from './log-set.js';
export { LogClosedError, LogDamagedError, LogFailedError, LogLockedError, LogRecordTooLargeError, LogSetLayoutError, StorageUnavailableError, isDiskFull } from './errors.js';
export { crc32c } from './crc32c.js';
export type { DamageReason, RecordHandler } from './scan.js';
