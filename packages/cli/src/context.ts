/**
 * What every `cloudroute` subcommand shares: the injected I/O, the usage error (exit 2), reading
 * a scenario with its problems located, option parsing helpers, and output (stdout, `--out`).
 */
import type { Command } from 'commander';
import { formatProblem, loadScenario, parseDuration, type Scenario } from '@cloudroute/scenario';
import type { PartDocument, Shard, SimResult } from '@cloudroute/sim';
import { documentJson } from '@cloudroute/report';
import { checkInputFile, InputFileError, readFailure } from './input-files.js';
import { quote, seedFlag, workersFlag } from './limits.js';
import { writeFailure } from './output.js';

/** Everything the CLI does to the outside world (output streams, files, environment, terminal, CPUs), injected so that tests run it without a process. */
export interface Io {
  /** Writes to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes to standard error. */
  readonly stderr: (text: string) => void;
  /** Reads a text file; throws when it cannot. */
  readonly readFile: (path: string) => string;
  /** Writes a text file (`--out`). */
  readonly writeFile: (path: string, text: string) => void;
  /** The environment variables (`NO_COLOR`, `FORCE_COLOR`...). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Standard output is a terminal: colours are allowed (unless `NO_COLOR`). */
  readonly isTTY: boolean;
  /** How many CPUs the machine has: the default worker count. */
  readonly cpus: number;
  /**
   * Why a file cannot be written at a path, or undefined (`bin.ts`: the real file system). Output
   * paths are checked with it before any work; without it, only the write itself can fail.
   */
  readonly checkOutput?: (path: string) => string | undefined;
  /** A progress bar on stderr (only wired when stderr is a terminal). */
  readonly progress?: (label: string) => { update(fraction: number): void; stop(): void };
}

/** Bad input: printed as is, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** What a subcommand's registration receives. */
export interface CommandContext {
  readonly io: Io;
  readonly useColor: boolean;
  /** A subcommand with its summary and the examples of its help. */
  readonly cmd: (name: string, summary: string) => Command;
  /** Sets the process's exit code (1: an `expect` failed) without stopping the command. */
  readonly setExit: (code: number) => void;
}

/** Reads and validates a scenario; warnings to stderr, problems as a usage error. */
export function load(io: Io, file: string): Scenario {
  let text: string;
  try {
    checkInputFile(file, 'scenario');
    text = io.readFile(file);
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new UsageError(`${file}: cannot read the scenario (${readFailure(e, file)}) — check the path`);
  }
  const r = loadScenario(text, file);
  for (const w of r.warnings) io.stderr(`${formatProblem(w)}\n`);
  if (!r.scenario || r.problems.length) {
    throw new UsageError(r.problems.map(formatProblem).join('\n'));
  }
  return r.scenario;
}

/** A moment option (`--at 15m`) in seconds. */
export function time(flag: string, text: string | undefined): number {
  if (text === undefined) return 0;
  const r = parseDuration(text, 'time');
  if (!r.ok) throw new UsageError(`${flag} ${quote(text)}: ${r.message}`);
  return r.seconds;
}

function shardFlag(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || k >= n || n > 100_000)
    throw new UsageError(`--shard ${quote(text)}: expected K/N with 0 ≤ K < N ≤ 100,000, e.g. 0/4`);
  return { k, n };
}

/** The options of `run`, `diff` and `chaos`. */
export interface JobFlags {
  json?: boolean;
  seed?: string;
  workers?: string;
  shard?: string;
  out?: string;
}

export function jobFlags(c: Command): Command {
  return c
    .option('--json', 'print the result document')
    .option('--seed <n>', "override the scenario's seed")
    .option('--workers <n>', 'worker threads (default: the number of cores); output is identical for any N')
    .option('--shard <k/n>', 'simulate shard K of N and print a partial result for `merge`')
    .option('--out <report.html>', 'also write the self-contained HTML report');
}

export function jobOptions(io: Io, o: JobFlags): { workers: number; shard?: Shard } {
  const workers = workersFlag(o.workers, io.cpus, io.stderr);
  const shard = shardFlag(o.shard);
  return shard ? { workers, shard } : { workers };
}

export function withSeed(sc: Scenario, seed: string | undefined): Scenario {
  const s = seedFlag(seed);
  return s === undefined ? sc : { ...sc, seed: s };
}

/**
 * Progress for jobs that run longer than about a second: shown on stderr only when it is a
 * terminal and the output is not JSON or a shard part.
 */
export function progressFor(
  io: Io,
  o: JobFlags,
  label: string,
): { progress?: (f: number) => void; stop: () => void } {
  if (!io.progress || o.json || o.shard) return { stop: () => undefined };
  const started = Date.now();
  let bar: ReturnType<NonNullable<Io['progress']>> | undefined;
  return {
    progress: (f) => {
      if (!bar && Date.now() - started < 1000) return;
      bar ??= io.progress!(label);
      bar.update(f);
    },
    stop: () => bar?.stop(),
  };
}

/** Prints a job's result: JSON for `--json` and shard parts, else the text. */
export function emit(
  io: Io,
  o: Pick<JobFlags, 'json' | 'shard'>,
  doc: SimResult | PartDocument,
  text: () => string,
): void {
  io.stdout(o.json || o.shard ? documentJson(doc) : text());
}

/** Writes an output file; a failure is bad input naming the path (what was printed stays printed). */
export function writeOut(io: Io, flag: string, path: string, text: string, what: string): void {
  try {
    io.writeFile(path, text);
  } catch (e) {
    throw new UsageError(
      `${flag} ${path}: cannot write the ${what} (${writeFailure(e)}) — fix the path and run again`,
    );
  }
}
