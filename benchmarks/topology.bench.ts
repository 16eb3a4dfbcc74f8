/**
 * The large-topology benchmark (`pnpm bench topology [--flows N] [--workers N] [--quick]
 * [--workload new|old] [--runs N] [--json]`), issue 14: times what a user runs.
 *
 * It writes a generated estate (`benchmarks/lib/estate.ts`) as a YAML scenario file in a temp
 * folder, then times the CLI binary on it as a child process, `node packages/cli/dist/bin.js run
 * <file> --json --workers N`: reading the file, parsing and validating it (`loadScenario`, every
 * check a user's file gets), the simulation (`runJob`) and the JSON result written to a pipe,
 * plus Node's start-up. The child's peak RSS (all its threads) is read from its own
 * `process.resourceUsage()` at exit by a tiny `--import` preload that changes nothing else.
 *
 * Breakdown: `loadSeconds` times `cloudroute validate <file>` the same way (start-up, read,
 * parse, validation); `simulateSeconds` is the rest of the `run` (simulation and JSON output).
 *
 * Estate (default): 200 cloud networks (40% AWS, 40% Azure, 10% GCP, 10% OpenStack) plus the
 * external network `public`, 2,001 subnets, a site with 500,000 prefixes in its own table,
 * 10,000,000 flows in 100 groups, 100 timeline events that each change the outcome of many flows
 * (`changedEvents` counts them in the result). `--quick`: 20 networks, 20,000 prefixes, 200,000
 * flows. `--workload old`: the workload of before issue 14 (events that barely touch the flows),
 * for comparison, through the same path.
 *
 * `--json` prints one row per run: `{ workload, flows, events, changedEvents, seconds,
 * peakRssBytes, workers, networks, subnets, sitePrefixes, loadSeconds, loadPeakRssBytes,
 * simulateSeconds, fileBytes }`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { effectiveEventTimes, estate, oldEstate } from './lib/estate.js';
import { toYaml } from './lib/yaml-emit.js';

const argv = process.argv.slice(2);

/** `--name N` or `--name=N`; undefined when absent. */
function option(name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === `--${name}`) return argv[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

function whole(name: string, fallback: number, min: number, max: number): number {
  const text = option(name);
  if (text === undefined) return fallback;
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} ${text}: expected a whole number from ${min} to ${max}`);
    process.exit(2);
  }
  return n;
}

const quick = argv.includes('--quick');
const json = argv.includes('--json');
const flows = whole('flows', quick ? 200_000 : 10_000_000, 100, 100_000_000);
const workers = whole('workers', 2, 1, 64);
const runs = whole('runs', 1, 1, 100);
const workload = option('workload') ?? 'new';
if (workload !== 'new' && workload !== 'old') {
  console.error(`--workload ${workload}: expected new or old`);
  process.exit(2);
}

const cli = new URL('../packages/cli/dist/bin.js', import.meta.url);
const make = workload === 'old' ? oldEstate : estate;
const e = make({
  networks: quick ? 20 : 200,
  sitePrefixes: quick ? 20_000 : 500_000,
  flows,
});

const dir = mkdtempSync(join(tmpdir(), 'cloudroute-bench-'));
try {
  const file = join(dir, 'estate.yaml');
  writeFileSync(file, toYaml(e.doc));
  const fileBytes = statSync(file).size;
  // Records the child's peak RSS (getrusage: every thread of the process) as it exits. A command
  // that starts itself again (cli gc-mode.ts) has two processes, the first waiting for the
  // second: each adds a line, and their peaks are summed (both are resident at once).
  const preload = join(dir, 'rss.mjs');
  writeFileSync(
    preload,
    "import { appendFileSync } from 'node:fs';\n" +
      "process.on('exit', () => appendFileSync(process.env.BENCH_RSS_FILE, `${process.resourceUsage().maxRSS * 1024}\\n`));\n",
  );
  const rssFile = join(dir, 'rss');

  /** Runs the CLI with `args`; its wall time, peak RSS and stdout. */
  const timed = (args: string[]): { seconds: number; rss: number; stdout: string } => {
    rmSync(rssFile, { force: true });
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(preload).href, cli.pathname, ...args], {
      env: { ...process.env, BENCH_RSS_FILE: rssFile },
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const seconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) {
      console.error(
        `cloudroute ${args.join(' ')} exited ${r.status ?? r.signal}:\n${(r.stderr ?? '').slice(0, 4000)}`,
      );
      process.exit(1);
    }
    const rss = readFileSync(rssFile, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .reduce((a, l) => a + Number(l), 0);
    return { seconds, rss, stdout: r.stdout };
  };

  const round = (x: number): number => Math.round(x * 100) / 100;
  const rows = [];
  for (let k = 0; k < runs; k++) {
    const load = timed(['validate', file]);
    const run = timed(['run', file, '--json', '--workers', String(workers)]);
    const result = JSON.parse(run.stdout) as {
      groups: { flows: number; delivered: [number, number][] }[];
      rejected: unknown[];
    };
    const simulated = result.groups.reduce((a, g) => a + g.flows, 0);
    if (simulated !== e.summary.flows) throw new Error(`ran ${simulated} flows, expected ${e.summary.flows}`);
    const row = {
      workload,
      flows: e.summary.flows,
      events: e.summary.events,
      changedEvents: effectiveEventTimes(result.groups, e.eventTimes).length,
      rejectedEvents: result.rejected.length,
      seconds: round(run.seconds),
      peakRssBytes: run.rss,
      workers,
      networks: e.summary.networks,
      subnets: e.summary.subnets,
      sitePrefixes: e.summary.sitePrefixes,
      loadSeconds: round(load.seconds),
      loadPeakRssBytes: load.rss,
      simulateSeconds: round(run.seconds - load.seconds),
      fileBytes,
    };
    rows.push(row);
    if (json) console.log(JSON.stringify(row));
    else
      console.log(
        `large topology (${workload} workload): ${row.networks} networks, ${row.subnets} subnets, ` +
          `${row.sitePrefixes} site prefixes, ${row.flows} flows, ${row.events} events ` +
          `(${row.changedEvents} change an outcome) on ${workers} workers: ${row.seconds} s ` +
          `(load ${row.loadSeconds} s, simulate ${row.simulateSeconds} s), ` +
          `peak RSS ${(row.peakRssBytes / 2 ** 20).toFixed(0)} MiB (validate alone ${(row.loadPeakRssBytes / 2 ** 20).toFixed(0)} MiB), ` +
          `file ${(fileBytes / 2 ** 20).toFixed(1)} MiB`,
      );
  }
  if (runs > 1 && !json) {
    const s = rows.map((r) => r.seconds).sort((a, b) => a - b);
    console.log(`${runs} runs: ${s[0]}–${s[s.length - 1]} s, median ${s[Math.floor(s.length / 2)]} s`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
