// What a bench run prints: a progress line on stderr while it runs, a readable table on stdout,
// and with --json one JSON object as the last line.

/** One figure of a result: a name, a value (null: could not be measured) and its unit. */
export interface Figure {
  name: string;
  value: number | string | null;
  unit?: string;
}

export interface StepRow {
  offeredRate: number;
  offered: number;
  sent: number;
  delivered: number;
  deliveredRate: number;
  lossPct: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  genLagMaxMs: number;
  serverCpuPct: number | null;
  /** Server CPU time during the step per message of the step delivered (µs). */
  serverCpuUsPerMsg: number | null;
  generatorCpuPct: number | null;
}

/** One second of arrivals (the overload scenario). */
export interface SecondRow {
  second: number;
  phase: string;
  delivered: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU the server process used in that second, % of one core (null: not measured). */
  serverCpuPct?: number | null;
}

export interface BenchResult {
  scenario: string;
  server: string;
  transport: string;
  users: number;
  workers: number;
  figures: Figure[];
  steps?: StepRow[];
  seconds?: SecondRow[];
  errors: Record<string, number>;
  notes: string[];
}

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  const abs = Math.abs(v);
  return v.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : 2);
}

function cell(v: number | string | null, unit?: string): string {
  if (v === null) return 'n/a';
  const s = typeof v === 'number' ? formatNumber(v) : v;
  return unit ? `${s} ${unit}` : s;
}

/** A plain table: left-aligned first column, right-aligned others. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatResult(r: BenchResult): string {
  const out: string[] = [];
  out.push(`atoll bench ${r.scenario} against ${r.server} (${r.transport}), ${formatNumber(r.users)} users, ${r.workers} generator process(es)`);
  out.push('');
  out.push(table(['figure', 'value'], r.figures.map((f) => [f.name, cell(f.value, f.unit)])));
  if (r.steps && r.steps.length > 0) {
    out.push('');
    out.push(
      table(
        ['offered/s', 'delivered/s', 'sent', 'delivered', 'loss %', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'gen lag ms', 'server cpu %', 'srv µs/msg', 'gen cpu %'],
        r.steps.map((s) => [
          formatNumber(s.offeredRate),
          formatNumber(s.deliveredRate),
          formatNumber(s.sent),
          formatNumber(s.delivered),
          s.lossPct.toFixed(2),
          s.p50Ms.toFixed(1),
          s.p90Ms.toFixed(1),
          s.p99Ms.toFixed(1),
          s.maxMs.toFixed(1),
          s.genLagMaxMs.toFixed(1),
          s.serverCpuPct === null ? 'n/a' : s.serverCpuPct.toFixed(0),
          s.serverCpuUsPerMsg === null ? 'n/a' : s.serverCpuUsPerMsg.toFixed(0),
          s.generatorCpuPct === null ? 'n/a' : s.generatorCpuPct.toFixed(0),
        ]),
      ),
    );
  }
  if (r.seconds && r.seconds.length > 0) {
    out.push('');
    out.push(table(['second', 'phase', 'delivered', 'p50 ms', 'p99 ms', 'server cpu %'], r.seconds.map((s) => [
      String(s.second), s.phase, formatNumber(s.delivered), s.p50Ms.toFixed(1), s.p99Ms.toFixed(1), s.serverCpuPct == null ? 'n/a' : s.serverCpuPct.toFixed(0),
    ])));
  }
  const errs = Object.entries(r.errors);
  if (errs.length > 0) {
    out.push('');
    out.push(table(['error', 'count'], errs.sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, formatNumber(v)])));
  }
  for (const n of r.notes) out.push(`note: ${n}`);
  return out.join('\n');
}

/** A line on stderr, rewritten in place on a terminal and printed every few seconds otherwise. */
export class Progress {
  private last = 0;
  private readonly tty = process.stderr.isTTY === true;
  private shown = false;

  update(text: string): void {
    const now = Date.now();
    if (this.tty) {
      process.stderr.write(`\r\x1b[K${text}`);
      this.shown = true;
      return;
    }
    if (now - this.last < 5000) return;
    this.last = now;
    process.stderr.write(`${text}\n`);
  }

  /** A line that stays (phase changes). */
  say(text: string): void {
    this.done();
    process.stderr.write(`${text}\n`);
  }

  done(): void {
    if (this.tty && this.shown) process.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}
