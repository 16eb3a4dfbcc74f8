// pnpm bench <suite> [--json] [...]: builds the workspace, then runs benchmarks/<suite>.bench.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const [suite, ...rest] = process.argv.slice(2);
const suites = readdirSync(new URL('../benchmarks/', import.meta.url))
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));
if (!suite || !suites.includes(suite)) {
  console.error(`usage: pnpm bench <suite> [--json] [--quick]\nsuites: ${suites.join(', ')}`);
  process.exit(2);
}
const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
const tsx = 'node_modules/tsx/dist/cli.mjs';
if (!existsSync(tsx)) throw new Error('tsx is not installed: run pnpm install');
const r = spawnSync(process.execPath, ['--expose-gc', tsx, `benchmarks/${suite}.bench.ts`, ...rest], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
