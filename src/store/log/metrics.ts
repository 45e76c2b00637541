// Optional Prometheus wiring for the log: pass the observer this returns in the log options.
// Kept out of the log itself so the log does not depend on prom-client.

import { Counter, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import { lostRecords } from './damage.js';
import type { LogObserver } from './group-commit-log.js';

export interface LogMetricsOptions {
  registry: Registry;
  /** Metric name prefix. Default 'atoll_log_'. */
  prefix?: string;
}

/** Registers the log metrics once; returns a factory of observers labelled by writer. */
export function createLogMetrics(options: LogMetricsOptions): (writer: number | string) => LogObserver {
  const prefix = options.prefix ?? 'atoll_log_';
  const registers = [options.registry];
  const labelNames = ['writer'] as const;
  const records = new Histogram({
    name: `${prefix}batch_records`,
    help: 'Records per group-commit batch',
    labelNames,
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096],
    registers,
  });
  const bytes = new Histogram({
    name: `${prefix}batch_bytes`,
    help: 'Bytes per group-commit batch, headers included',
    labelNames,
    buckets: [256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304],
    registers,
  });
  const fsync = new Histogram({
    name: `${prefix}fsync_seconds`,
    help: 'fdatasync latency of a batch',
    labelNames,
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers,
  });
  const written = new Counter({ name: `${prefix}written_bytes_total`, help: 'Bytes written to log segments', labelNames, registers });
  const segments = new Counter({ name: `${prefix}segments_created_total`, help: 'Log segments created', labelNames, registers });
  const deleted = new Counter({ name: `${prefix}segments_deleted_total`, help: 'Log segments deleted by checkpoints', labelNames, registers });
  const lost = new Counter({
    name: `${prefix}recovery_lost_records_total`,
    help: 'Records at or above the checkpoint that recovery found unreadable or missing and a repair skipped (segments missing at the end of the log count 0: their extent is unknown)',
    labelNames, registers,
  });
  const ranges = new Counter({
    name: `${prefix}recovery_damaged_ranges_total`,
    help: 'Damaged or missing byte ranges recovery found; needed="false": below the checkpoint, or holding no record',
    labelNames: ['writer', 'needed'], registers,
  });
  const refused = new Counter({
    name: `${prefix}disk_full_batches_total`, help: 'Batches cut back and refused because the disk or quota was full', labelNames, registers,
  });
  const torn = new Counter({ name: `${prefix}recovery_torn_tail_bytes_total`, help: 'Bytes of torn tails recovery cut', labelNames, registers });

  return (writer) => {
    const labels = { writer: String(writer) };
    // Batches come thousands of times a second: children bound once skip a closure per observation.
    const batchRecords = records.labels(labels);
    const batchBytes = bytes.labels(labels);
    const batchFsync = fsync.labels(labels);
    const writtenBytes = written.labels(labels);
    return (event) => {
      switch (event.type) {
        case 'batch':
          batchRecords.observe(event.records);
          batchBytes.observe(event.bytes);
          batchFsync.observe(event.fsyncMs / 1000);
          writtenBytes.inc(event.bytes);
          return;
        case 'disk-full':
          refused.inc(labels);
          return;
        case 'segment-created':
          segments.inc(labels);
          return;
        case 'segment-deleted':
          deleted.inc(labels);
          return;
        case 'recovered': {
          const damage = { dir: '', checkpoint: event.checkpoint, ranges: event.damaged, quarantined: [] };
          lost.inc(labels, lostRecords(damage).count);
          for (const r of event.damaged) ranges.inc({ ...labels, needed: String(r.needed) });
          if (event.tail.kind === 'truncated') torn.inc(labels, event.tail.bytesDropped);
          return;
        }
      }
    };
  };
}
