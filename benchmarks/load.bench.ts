/**
 * The large-file benchmark (`pnpm bench load [--json] [--quick] [--full]`): `loadScenario` on
 * generated scenario files of 50,000 and 500,000 routes (`lib/large-scenario.ts`), as YAML and as
 * JSON, with the fast paths (new: JSON's, and the fast YAML reader for YAML in its subset) and
 * with every file read by the YAML library (old), side by side. Each configuration runs in a child
 * process of its own, so that its peak RSS is its own.
 *
 * The old path on 500,000 routes takes minutes and about 3.5 GB: it runs only with `--full`.
 * `--quick`: 5,000 and 50,000 routes.
 *
 * `--json` prints `{ runs: [{ routes, format, path, bytes, runs, medianMs, minMs, maxMs,
 * medianCpuMs, peakRssBytes, problems }] }`. Wall times on a loaded machine mean little: the CPU
 * time is the process's own (user + system) over the loads.
 */
import { spawnSync } from 'node:child_process';
import { cpuUsage } from 'node:process';
import { fileURLToPath } from 'node:url';
import { loadWith } from '../packages/scenario/src/load-scenario.js';
import { largeScenarioJson, largeScenarioYaml } from './lib/large-scenario.js';

interface Run {
  readonly routes: number;
  readonly format: 'yaml' | 'json';
  readonly path: 'new' | 'old';
  readonly bytes: number;
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly medianCpuMs: number;
  readonly peakRssBytes: number;
  readonly problems: number;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** In the child: times `runs` loads of one configuration and prints the result as JSON. */
function child(routes: number, format: 'yaml' | 'json', path: 'new' | 'old', runs: number): void {
  const text = format === 'json' ? largeScenarioJson(routes) : largeScenarioYaml(routes);
  const wall: number[] = [];
  const cpu: number[] = [];
  let problems = 0;
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const c0 = cpuUsage();
    const t0 = performance.now();
    const r = loadWith(text, `large.${format}`, path === 'new');
    wall.push(performance.now() - t0);
    const c = cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    problems = r.problems.length;
  }
  const run: Run = {
    routes,
    format,
    path,
    bytes: Buffer.byteLength(text),
    runs,
    medianMs: median(wall),
    minMs: Math.min(...wall),
    maxMs: Math.max(...wall),
    medianCpuMs: median(cpu),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    problems,
  };
  console.log(JSON.stringify(run));
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  child(Number(args[1]), args[2] as 'yaml' | 'json', args[3] as 'new' | 'old', Number(args[4]));
} else {
  const quick = args.includes('--quick');
  const full = args.includes('--full');
  const json = args.includes('--json');
  const sizes = quick ? [5_000, 50_000] : [50_000, 500_000];
  const results: Run[] = [];
  for (const routes of sizes) {
    for (const format of ['json', 'yaml'] as const) {
      for (const path of ['new', 'old'] as const) {
        const slow = path === 'old';
        if (slow && routes >= 500_000 && !full) continue;
        const runs = slow && routes >= 200_000 ? 1 : routes >= 200_000 ? 3 : 5;
        const r = spawnSync(
          process.execPath,
          [
            '--expose-gc',
            '--max-old-space-size=6144',
            'node_modules/tsx/dist/cli.mjs',
            fileURLToPath(import.meta.url),
            '--child',
            String(routes),
            format,
            path,
            String(runs),
          ],
          { encoding: 'utf8', maxBuffer: 1 << 20 },
        );
        const line = r.stdout.trim().split('\n').at(-1) ?? '';
        if (r.status !== 0 || !line.startsWith('{')) {
          console.error(`${routes} ${format} ${path}: failed\n${r.stderr}`);
          process.exit(1);
        }
        const run = JSON.parse(line) as Run;
        results.push(run);
        if (!json)
          console.log(
            `${String(routes).padStart(7)} routes ${format.padEnd(4)} ${path}: median ${run.medianMs.toFixed(0)} ms ` +
              `(${run.minMs.toFixed(0)}–${run.maxMs.toFixed(0)} over ${run.runs}), cpu ${run.medianCpuMs.toFixed(0)} ms, ` +
              `peak RSS ${(run.peakRssBytes / 2 ** 20).toFixed(0)} MiB, ${(run.bytes / 2 ** 20).toFixed(1)} MiB, ${run.problems} problems`,
          );
      }
    }
  }
  if (json) console.log(JSON.stringify({ runs: results }));
}
