// What the server checks about its data files before it opens them, and the errors that refuse a
// start: a directory another server uses, a store or log that is damaged, or missing where the
// other side says data must be, or left behind by another durability mode.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { lockDir, type DirLock } from './dir-lock.js';
import { readCheckpoint } from './log/checkpoint-file.js';
import { holdsLog, LogDamagedError } from './log/index.js';
import type { ServerConfig } from '../config.js';
import { inspectStoreFile, verifyStoreFile } from './lmdb-check.js';
import { storePath } from './kv.js';

/** Stored data is damaged or missing; the message says what was found and what to do. */
export class DataDamagedError extends Error {
  override readonly name = 'DataDamagedError';
  constructor(message: string, readonly details?: unknown) {
    super(message);
  }
}

/** Something a repaired start accepted, for the server to log at error level. */
export interface RepairNote {
  msg: string;
  details: Record<string, unknown>;
}

/** Another server (or this process) has the data directory open. */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
}

/** The data directory's lock file: one server per data directory, in every durability mode. */
export const DATA_LOCK_FILE = 'atoll.lock';

/** Takes the data directory (creating it), before any of its files is read. */
export async function lockDataDir(dataDir: string): Promise<DirLock> {
  await mkdir(dataDir, { recursive: true });
  return lockDir(dataDir, DATA_LOCK_FILE, (holder) => new DataDirInUseError(`the data directory ${dataDir} is in use by ${holder}`
    + `${holder.startsWith('process ') ? ' (another atoll server)' : ''}: stop that server first, or start this one with another --data directory. `
    + `If no such server runs (the pid was reused), delete ${join(dataDir, DATA_LOCK_FILE)}`));
}

const REPAIR_HINT = 'run once with --repair (or ATOLL_REPAIR=true)';

/** The log directories of a configuration (log durability only). */
export function logDirsOf(config: ServerConfig): string[] {
  if (config.logDirs.trim() === '') return [join(config.dataDir, 'log')];
  return config.logDirs.split(',').map((d) => d.trim()).filter((d) => d !== '');
}

/**
 * Runs before atoll.mdb is opened (opening would create it): checks its pages, refuses a store
 * that is missing while the log holds records that were written with it, and, with verifyStore,
 * reads every record in a child process. Returns what a repair accepted.
 */
export async function checkBeforeOpen(config: ServerConfig): Promise<RepairNote[]> {
  const path = storePath(config.dataDir);
  const state = inspectStoreFile(path);
  if (state.kind === 'present') {
    if (config.verifyStore) await verifyStoreFile(path);
    return [];
  }
  if (config.durability !== 'log') return [];
  const used = [];
  for (const dir of logDirsOf(config)) {
    if (!(await holdsLog(dir))) continue;
    const checkpoint = await readCheckpoint(dir);
    used.push(checkpoint.kind === 'ok' ? `${dir} (checkpointed to LSN ${checkpoint.lsn}: records below it were moved into atoll.mdb)` : dir);
  }
  if (used.length === 0) return [];
  const found = `${path} is missing or empty, but the log in ${used.join(', ')} was written together with it: accounts, devices, `
    + 'and every message already moved out of the log were in that file';
  if (!config.repair) {
    throw new DataDamagedError(`${found}. Restore atoll.mdb from a backup, together with the log from the same backup. To start anyway `
      + `with an empty store and replay what the log still holds, ${REPAIR_HINT}`);
  }
  return [{ msg: 'storage repaired: atoll.mdb was missing; started with an empty store and replayed what the log holds', details: { path, logDirs: used } }];
}

/** The refusal for log damage: what was lost, where the copies are, what repairing does. */
export function logDamagedRefusal(err: LogDamagedError): DataDamagedError {
  return new DataDamagedError(`${err.message}. Every intact record after the damage can still be replayed. To start anyway, ${REPAIR_HINT}: `
    + 'it replays every intact record, skips the unreadable ones (the messages, receipts and acks they held are lost), checkpoints past '
    + 'the damage so it stops mattering, and keeps the quarantined copies. Or stop here and restore the data directory and its log from a backup',
    err.damage.map((d) => ({ dir: d.dir, checkpoint: d.checkpoint, lost: d.ranges.filter((r) => r.needed), quarantined: d.quarantined })));
}

/** The refusal for log directories that are missing while atoll.mdb was last used with them. */
export function logMissingRefusal(dirs: string[]): DataDamagedError {
  return new DataDamagedError(`the log in ${dirs.join(', ')} is missing or empty (no segment, no checkpoint), but atoll.mdb was last used `
    + 'with a log there and the server did not stop cleanly: messages acknowledged but held only in the log are lost. Restore the log '
    + `directory from the backup atoll.mdb came from (or set logDirs to where it moved). To start anyway with an empty log, ${REPAIR_HINT}`);
}

/**
 * The refusal for a start in `write-through` or `memory` while atoll.mdb says the log still holds
 * records it lacks: that mode never reads the log, so acknowledged messages would be hidden (and
 * lost once the log is emptied).
 */
export function unreplayedLogRefusal(config: ServerConfig): DataDamagedError {
  return new DataDamagedError(`atoll.mdb in ${config.dataDir} was last used with durability log and the server did not stop cleanly: `
    + `the log (${logDirsOf(config).join(', ')}) still holds acknowledged changes that are not in atoll.mdb, and durability `
    + `${config.durability} never reads it. Start once with --durability log (it replays the log), stop it cleanly (SIGTERM: that moves `
    + `everything into atoll.mdb), then start with --durability ${config.durability}`);
}
