/**
 * The chaos benchmark (`pnpm bench chaos [--json] [--quick]`): a 30-day chaos scenario with 2,000
 * repetitions, run with 1 and 2 worker threads, and as 4 shards run one after another plus
 * their merge (the merge's cost included in that row). `--json` prints rows
 * `{ mode, runs, seconds, runsPerSec, workers }`.
 */
import { readFileSync } from 'node:fs';
import { loadScenario } from '@cloudroute/scenario';
import { chaosJob, mergeParts, type ChaosResult, type PartDocument, type SimScenario } from '@cloudroute/sim';

const args = new Set(process.argv.slice(2));
const runs = args.has('--quick') ? 200 : 2000;
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
}

const rows: Row[] = [];
const row = (mode: string, workers: number, seconds: number): void => {
  rows.push({
    mode,
    runs,
    seconds: Math.round(seconds * 100) / 100,
    runsPerSec: Math.round(runs / seconds),
    workers,
  });
};

let whole = '';
for (const workers of [1, 2]) {
  const t0 = performance.now();
  const r = (await chaosJob(sc, runs, { workers })) as ChaosResult;
  row('whole', workers, (performance.now() - t0) / 1000);
  whole = JSON.stringify(r);
}
{
  const t0 = performance.now();
  const parts: { file: string; doc: PartDocument }[] = [];
  for (let k = 0; k < 4; k++) {
    const doc = (await chaosJob(sc, runs, { workers: 1, shard: { k, n: 4 } })) as PartDocument;
    parts.push({ file: `part-${k}.json`, doc: JSON.parse(JSON.stringify(doc)) as PartDocument });
  }
  const merged = mergeParts(parts);
  row('4 shards + merge', 1, (performance.now() - t0) / 1000);
  if (JSON.stringify(merged) !== whole) throw new Error('merged shards differ from the whole run');
}

if (args.has('--json')) console.log(JSON.stringify(rows));
else
  for (const r of rows)
    console.log(
      `${r.mode.padEnd(18)} workers ${r.workers}: ${r.runs} runs in ${r.seconds} s (${r.runsPerSec} runs/s)`,
    );
