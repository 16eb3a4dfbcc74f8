/**
 * Whether a command should run with V8's garbage collector on its own thread only
 * (`--single-threaded-gc`), and the command line that starts it so.
 *
 * A `run` keeps every worker thread busy with JavaScript, and V8's parallel and
 * concurrent collection adds helper threads on top. When the threads are at least the cores (the
 * default: `--workers` is the cores), the helpers can only take time from the simulation's own
 * threads, and the collection's parallel pauses wait for whichever helper was descheduled. On the
 * 2-core machine of the README's figures, the full estate's run (10M flows, 100 events) on 2
 * workers took 21.2, 22.7 and 23.1 s with the flag against 24.2, 27.2 and 23.1 s without (runs
 * alternated), and less CPU. With fewer threads than cores the helpers have an idle core and help
 * (1 worker: 24.0 s without the flag, 27.6-28.7 s with it): such a run is left as it is.
 *
 * The flag cannot be set once V8 runs (setting it at run time aborts the process) nor given to a
 * worker thread or through NODE_OPTIONS, so the executable starts itself again with it, once.
 */

/**
 * The commands that start again (see the file comment): `run`, measured. `chaos` is not: its runs
 * are short and their garbage young, and on the same machine 2,000 runs on 2 workers took
 * 4.5-5.3 s with the flag against 3.3-4.4 s without.
 */
const BUSY = new Set(['run']);
const FLAG = '--single-threaded-gc';

/** `--workers` as typed (`--workers N` or `--workers=N`), or undefined. */
function workersOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--workers') return argv[i + 1];
    if (a.startsWith('--workers=')) return a.slice('--workers='.length);
  }
  return undefined;
}

/**
 * The node arguments to start the command again with (before the script and its arguments), or
 * undefined to run it as it is: not a simulating command, fewer threads than cores, a `--workers`
 * the command will refuse, or the flag given already or turned off.
 */
export function singleThreadedGcArgs(
  argv: readonly string[],
  execArgv: readonly string[],
  cores: number,
): string[] | undefined {
  // Given already, or turned off on purpose (`node --no-single-threaded-gc`).
  if (execArgv.some((a) => a === FLAG || a === '--no-single-threaded-gc')) return undefined;
  const command = argv.find((a) => !a.startsWith('-'));
  if (command === undefined || !BUSY.has(command) || argv.includes('--help') || argv.includes('-h'))
    return undefined;
  const typed = workersOf(argv);
  const workers = typed === undefined ? cores : /^[1-9][0-9]{0,3}$/.test(typed) ? Number(typed) : undefined;
  if (workers === undefined || workers < Math.max(1, cores)) return undefined;
  return [...execArgv, FLAG];
}

/**
 * The restarted run's environment: glibc's malloc told to map every block of 128 KiB or more on its
 * own (a fixed `MALLOC_MMAP_THRESHOLD_`), unless the user set it. By default glibc raises that
 * threshold as large blocks are freed, so the typed arrays a run drops moment after moment end up
 * in its arenas and are never given back: the run's RSS only grew. Full estate, 10M flows, 2
 * workers, alternated: peak RSS 1.80-1.83 GB with it against 1.94-1.98 GB without, the same time
 * (21.4, 21.9 s against 20.9, 22.8 s). Other C libraries ignore the variable.
 */
export function restartEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return env['MALLOC_MMAP_THRESHOLD_'] === undefined ? { ...env, MALLOC_MMAP_THRESHOLD_: '131072' } : env;
}
