/**
 * The chaos benchmark (`pnpm bench chaos [--json] [--quick] [--repeat N]`): a 30-day chaos scenario
 * with 2,000 repetitions, run with 1 and 2 worker threads, and as 4 shards run one after another
 * plus their merge (the merge's cost included in that row). `--repeat N` times the whole runs N
 * times, alternating which goes first, and reports the median with the fastest and slowest
 * (`spread`); the load average is printed before and after, since other processes on a shared
 * 2-core machine take the second core away from 2 workers first. `--json` prints rows
 * `{ mode, runs, seconds, runsPerSec, workers, spread }`.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { loadScenario } from '@cloudroute/scenario';
import { chaosJob, mergeParts, type PartDocument, type SimScenario } from '@cloudroute/sim';

const argv = process.argv.slice(2);
const args = new Set(argv);
const runs = args.has('--quick') ? 200 : 2000;
const repeatAt = argv.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Math.max(1, Number(argv[repeatAt + 1]) || 1) : 1;
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const loadBefore = load();
const file = 'scenarios/chaos-tunnel-flaps.yaml';
const { scenario } = loadScenario(readFileSync(file, 'utf8'), file);
if (!scenario) throw new Error(`${file} does not validate`);
const sc: SimScenario = scenario;

interface Row {
  mode: string;
  runs: number;
  seconds: number;
  runsPerSec: number;
  workers: number;
  /** Fastest and slowest of the repeats, seconds. */
  spread: [number, number];
}

const rows: Row[] = [];
const round = (x: number): number => Math.round(x * 100) / 100;
const row = (mode: string, workers: number, times: number[]): void => {
  const sorted = [...times].sort((a, b) => a - b);
  const seconds = sorted[Math.floor((sorted.length - 1) / 2)]!;
  rows.push({
    mode,
    runs,
    seconds: round(seconds),
    runsPerSec: Math.round(runs / seconds),
    workers,
    spread: [round(sorted[0]!), round(sorted[sorted.length - 1]!)],
  });
};

let whole = '';
const times = new Map<number, number[]>([
  [1, []],
  [2, []],
]);
for (let i = 0; i < repeat; i++) {
  for (const workers of i % 2 === 0 ? [1, 2] : [2, 1]) {
    const t0 = performance.now();
    const text = JSON.stringify(await chaosJob(sc, runs, { workers }));
    times.get(workers)!.push((performance.now() - t0) / 1000);
    if (whole && text !== whole) throw new Error(`workers ${workers} differ from the first whole run`);
    whole = text;
  }
}
for (const [workers, t] of times) row('whole', workers, t);
{
  const t0 = performance.now();
  const parts: { file: string; doc: PartDocument }[] = [];
  for (let k = 0; k < 4; k++) {
    const doc = (await chaosJob(sc, runs, { workers: 1, shard: { k, n: 4 } })) as PartDocument;
    parts.push({ file: `part-${k}.json`, doc: JSON.parse(JSON.stringify(doc)) as PartDocument });
  }
  const merged = mergeParts(parts);
  row('4 shards + merge', 1, [(performance.now() - t0) / 1000]);
  if (JSON.stringify(merged) !== whole) throw new Error('merged shards differ from the whole run');
}

if (args.has('--json')) console.log(JSON.stringify(rows));
else {
  for (const r of rows) {
    const spread =
      repeat > 1 && r.mode === 'whole' ? `, ${r.spread[0]} to ${r.spread[1]} s over ${repeat}` : '';
    console.log(
      `${r.mode.padEnd(18)} workers ${r.workers}: ${r.runs} runs in ${r.seconds} s (${r.runsPerSec} runs/s${spread})`,
    );
  }
  console.log(`load average before ${loadBefore}, after ${load()}`);
}
