#!/usr/bin/env node
/** The `cloudroute` executable: `main` wired to the real process. */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import cliProgress from 'cli-progress';
import { restartEnv, singleThreadedGcArgs } from './gc-mode.js';
import { main } from './main.js';
import { outputProblem } from './output.js';
import { sink } from './process-io.js';

// Simulating commands that keep every core busy run with a single-threaded collector: started
// again with the flag (gc-mode.ts), this process only waits and passes on how the child ended.
const gcArgs = singleThreadedGcArgs(process.argv.slice(2), process.execArgv, availableParallelism());
if (gcArgs && process.argv[1] !== undefined) {
  const child = spawnSync(process.execPath, [...gcArgs, process.argv[1], ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: restartEnv(process.env),
  });
  if (child.error) {
    process.stderr.write(`cloudroute: cannot start (${child.error.message})\n`);
    process.exit(70);
  }
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status ?? 70);
}

// A larger young generation (semi-spaces of 64 MiB, for this thread and the worker threads started
// after): a run allocates many short-lived arrays per moment, and fewer scavenges save about 7% of
// a large estate's run (39.4 s -> 36.7 s on the full estate with 200,000 flows).
setFlagsFromString('--max-semi-space-size=64');

const stdout = sink(process.stdout);
const stderr = sink(process.stderr);
process.once('exit', () => {
  const failure = stdout.failure();
  if (failure === undefined) return;
  stderr.write(`cloudroute: cannot write the output (${failure}) — check where stdout goes\n`);
  process.exitCode = 2;
});

// `pnpm cloudroute …` runs the workspace's script in the workspace root, while the user's paths
// are relative to the folder they typed the command in, which pnpm passes as INIT_CWD. Only that
// script follows it: a `cloudroute` started by another script (a test under `pnpm test`) keeps
// the folder it was started in.
const typedIn = process.env['npm_lifecycle_event'] === 'cloudroute' ? process.env['INIT_CWD'] : undefined;
if (typedIn !== undefined && typedIn !== '') {
  try {
    process.chdir(typedIn);
  } catch {
    // The folder is gone: paths stay relative to the workspace root, and errors show them resolved.
  }
}

main(process.argv.slice(2), {
  stdout: stdout.write,
  stderr: stderr.write,
  readFile: (p) => readFileSync(p, 'utf8'),
  writeFile: (p, t) => writeFileSync(p, t),
  checkOutput: outputProblem,
  env: process.env,
  isTTY: process.stdout.isTTY === true,
  cpus: availableParallelism(),
  ...(process.stderr.isTTY
    ? {
        progress: (label: string) => {
          const bar = new cliProgress.SingleBar(
            { format: `${label} [{bar}] {percentage}%`, stream: process.stderr, clearOnComplete: true },
            cliProgress.Presets.shades_classic,
          );
          bar.start(100, 0);
          return { update: (f: number) => bar.update(Math.round(f * 100)), stop: () => bar.stop() };
        },
      }
    : {}),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A broken invariant: a bug, not bad input. Say so plainly.
    stderr.write(`cloudroute: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 70;
  },
);
