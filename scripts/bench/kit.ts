// Shared pieces of the benchmarks: statistics, the GOAL line the runner collects, tables, RSS
// sampling of a child process and child processes that announce themselves with one JSON line.
// Imported by packages/*/bench/*.bench.ts (run through tsx); never by library code.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';

/** Median of a non-empty sample. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** `min–max` of a sample, with `digits` decimals: the spread printed beside each median. */
export function spread(xs: readonly number[], digits = 1): string {
  return `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
}

/** One goal of an area, as the runner collects it. */
export interface Goal {
  area: string;
  measure: string;
  goal: string;
  measured: string;
  met: boolean;
}

/**
 * Print the goal as the single tab-separated line `scripts/run-bench.mjs` collects:
 * `GOAL\tarea\tmeasure\tgoal\tmeasured\tmet|missed`.
 *
 * @example
 * ```ts
 * goal({ area: 'server', measure: 'req/s vs static', goal: '≥ 0.50×', measured: '0.61×', met: true });
 * ```
 */
export function goal(g: Goal): void {
  const clean = (s: string) => s.replace(/[\t\n]/g, ' ');
  console.log(
    ['GOAL', g.area, g.measure, g.goal, g.measured, g.met ? 'met' : 'missed'].map(clean).join('\t'),
  );
}

/** A markdown table, columns padded. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    `| ${r.map((c, j) => (c ?? '').padEnd(widths[j]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`]
    .concat(rows.slice(1).map(line))
    .join('\n');
}

/** Resident set size of a process in MB (Linux `/proc`), or `undefined` once it is gone. */
export function rssMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; `stop()` returns the samples (MB). */
export function sampleRss(pid: number, everyMs = 100): { stop(): number[] } {
  const samples: number[] = [];
  const take = () => {
    const v = rssMb(pid);
    if (v !== undefined) samples.push(v);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

/** A child process that printed one JSON line announcing what it serves. */
export interface Announced<T> {
  child: ChildProcess;
  info: T;
  /** Ask it to exit (SIGTERM) and wait. */
  stop(): Promise<void>;
}

/**
 * Start `node --import tsx file args…` and wait for its first stdout line, parsed as JSON.
 *
 * @example
 * ```ts
 * const s = await spawnAnnounced<{ url: string }>('packages/server/bench/fixtures/static-server.ts', []);
 * ```
 */
export function spawnAnnounced<T>(
  file: string,
  args: readonly string[],
  options: { execArgv?: readonly string[] } = {},
): Promise<Announced<T>> {
  const child = spawn(
    process.execPath,
    [...(options.execArgv ?? []), '--import', 'tsx', file, ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}) before announcing`)));
    lines.once('line', (line) => {
      lines.on('line', () => {}); // keep draining
      resolve({
        child,
        info: JSON.parse(line) as T,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}

/** Run a process to completion and collect its stdout. */
export function runToEnd(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} exited with ${code}`)),
    );
  });
}

/** The machine the benchmark runs on, for the notes under each table. */
export function machine(): string {
  let cpu = 'unknown CPU';
  try {
    cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {}
  const load = loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  return `${cpus().length}× ${cpu}, node ${process.version}, load average ${load}`;
}
