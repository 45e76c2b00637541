// Microseconds on the system's monotonic clock: one clock for every process on the machine,
// so a timestamp written by one worker can be subtracted from the time another worker reads it.

export function nowUs(): number {
  const [s, ns] = process.hrtime();
  return s * 1e6 + ns / 1e3;
}
