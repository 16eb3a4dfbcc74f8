/**
 * The `cloudroute` command. `main(argv, io)` is the whole CLI with its I/O injected, so tests run
 * it in-process; `bin.ts` wires it to the real process. Exit codes (DESIGN.md): 0 done, 1 an
 * `expect` failed, 2 bad input (file:line:column and what to fix; never a stack trace).
 */
import { Command, CommanderError, Option } from 'commander';
import {
  formatProblem,
  loadScenario,
  parseDuration,
  scenarioJsonSchema,
  type Scenario,
} from '@cloudroute/scenario';
import {
  chaosJob,
  diffJob,
  mergeParts,
  MergeError,
  runJob,
  trace,
  TraceInputError,
  type Shard,
  type SimScenario,
} from '@cloudroute/sim';
import { effectiveRoutes } from '@cloudroute/model';
import { registerImport } from './commands/import.js';
import { runCompare } from './commands/compare.js';
import { atAndSince, momentOf } from './commands/moment.js';
import { checkInputFile, guardInputs, InputFileError, readFailure } from './input-files.js';
import { clipMessage, OptionError, quote, runsFlag, seedFlag, workersFlag } from './limits.js';
import { diffSharesNoGroup, writeFailure } from './output.js';
import { PartFileError, readPart } from './part-file.js';
import {
  formatChaos,
  formatDiff,
  formatRoutes,
  formatRun,
  formatTrace,
  renderHtml,
  toJson,
} from '@cloudroute/report';

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => string;
  readonly writeFile: (path: string, text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly isTTY: boolean;
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

class ExitSignal extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

const EXAMPLES: Readonly<Record<string, string>> = {
  validate: '  $ cloudroute validate scenarios/lesson-1-bgp-default-route.yaml',
  schema: '  $ cloudroute schema > scenario.schema.json',
  routes:
    '  $ cloudroute routes scenarios/lesson-1-bgp-default-route.yaml --subnet hub/web --at 15m\n  $ cloudroute routes scenarios/udr-overview-example.yaml --subnet vnet/Subnet1 --json',
  trace:
    '  $ cloudroute trace scenarios/lesson-1-bgp-default-route.yaml --from hub/web --to 8.8.8.8 --at 15m\n  $ cloudroute trace scenarios/lesson-4-virtual-router.yaml --from 10.1.1.10 --to 10.1.1.20 --json',
  run: '  $ cloudroute run scenarios/lesson-1-bgp-default-route.yaml\n  $ cloudroute run scenarios/lesson-5-vpn-gateway-recreate.yaml --json --workers 2\n  $ cloudroute run big.yaml --shard 0/4 > part0.json',
  diff: '  $ cloudroute diff scenarios/lesson-1-bgp-default-route.yaml scenarios/lesson-1-no-advert.yaml',
  chaos: '  $ cloudroute chaos scenarios/chaos-tunnel-flaps.yaml --runs 200 --seed 7 --json',
  merge: '  $ cloudroute merge part0.json part1.json part2.json part3.json --json',
};

function color(io: Io): boolean {
  return io.isTTY && io.env['NO_COLOR'] === undefined && io.env['FORCE_COLOR'] !== '0';
}

function load(io: Io, file: string): Scenario {
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

function time(flag: string, text: string | undefined): number {
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

interface JobFlags {
  json?: boolean;
  seed?: string;
  workers?: string;
  shard?: string;
  out?: string;
}

function jobOptions(io: Io, o: JobFlags): { workers: number; shard?: Shard } {
  const workers = workersFlag(o.workers, io.cpus, io.stderr);
  const shard = shardFlag(o.shard);
  return shard ? { workers, shard } : { workers };
}

function withSeed(sc: Scenario, seed: string | undefined): Scenario {
  const s = seedFlag(seed);
  return s === undefined ? sc : { ...sc, seed: s };
}

/**
 * Progress for jobs that run longer than about a second: shown on stderr only when it is a
 * terminal and the output is not JSON or a shard part.
 */
function progressFor(
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

function emit(io: Io, o: JobFlags, value: unknown, text: () => string): void {
  io.stdout(o.json || o.shard ? toJson(value) : text());
}

/**
 * Checked before any work (a `preAction` hook): an output path that cannot be written, and
 * `--out` with `--shard` (a shard's part has no report; `merge --out` writes it).
 */
function checkOutputs(io: Io, command: Command): void {
  const o = command.opts<{ out?: string; shard?: string }>();
  if (o.out === undefined) return;
  const flag = command.name() === 'import' ? '-o' : '--out';
  if (o.shard !== undefined)
    throw new UsageError(
      `--out ${o.out} with --shard ${o.shard}: a shard prints a partial result and writes no report — write the report when combining the parts: cloudroute merge <part.json>... --out ${o.out}`,
    );
  const problem = io.checkOutput?.(o.out);
  if (problem !== undefined) throw new UsageError(`${flag} ${o.out}: ${problem}`);
}

/** Writes an output file; a failure is bad input naming the path (what was printed stays printed). */
function writeOut(io: Io, flag: string, path: string, text: string, what: string): void {
  try {
    io.writeFile(path, text);
  } catch (e) {
    throw new UsageError(
      `${flag} ${path}: cannot write the ${what} (${writeFailure(e)}) — fix the path and run again`,
    );
  }
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], userIo: Io): Promise<number> {
  const io = guardInputs(userIo);
  const useColor = color(io);
  const program = new Command('cloudroute');
  program
    .description('What-if and chaos simulator for cloud network routing (AWS, Azure, GCP, OpenStack).')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, w) => w(s),
    })
    .showSuggestionAfterError()
    .version('0.1.0');

  let exit = 0;
  const cmd = (name: string, summary: string): Command =>
    program
      .command(name)
      .description(summary)
      .addHelpText('after', `\nExamples:\n${EXAMPLES[name] ?? ''}\n`);

  cmd('validate', 'check a scenario file; print every problem with file:line:column')
    .argument('<scenario>')
    .action((file: string) => {
      const sc = load(io, file);
      io.stdout(
        `${file}: ok (${sc.topology.networks.length} networks, ${sc.flows.length} flow groups, ${sc.timeline.length} timeline events)\n`,
      );
    });

  cmd('schema', 'print the JSON Schema of scenario files').action(() =>
    io.stdout(toJson(scenarioJsonSchema())),
  );

  cmd('routes', "a subnet's effective route table at a moment, in the provider's own vocabulary")
    .argument('<scenario>')
    .requiredOption('--subnet <net/subnet>', 'the subnet (GCP: also net/host; OpenStack: net/router)')
    .option('--at <time>', 'moment from the scenario start, e.g. 15m', '0s')
    .option('--json', 'print the routes document')
    .option(
      '--compare <export.json>',
      "hold the provider's own effective-routes export against the simulated table (exit 1 on differences)",
    )
    .action((file: string, o: { subnet: string; at: string; json?: boolean; compare?: string }) => {
      const sc = load(io, file);
      const at = time('--at', o.at);
      const m = momentOf(
        sc,
        file,
        { seconds: at, text: o.at },
        (st) => effectiveRoutes(st, o.subnet),
        (v) => JSON.stringify(v.routes),
        UsageError,
      );
      if (m.value.error) throw new UsageError(`--subnet ${o.subnet}: ${m.value.error.message}`);
      const view = atAndSince(m.value, at, m.since);
      if (o.compare !== undefined) {
        exit = runCompare(io, { view, scenario: sc, file: o.compare, json: o.json === true }, UsageError);
        return;
      }
      io.stdout(o.json ? toJson(view) : formatRoutes(view, { color: useColor }));
    });

  cmd('trace', 'one packet hop by hop: the route chosen at each hop, the routes it beat, the verdict')
    .argument('<scenario>')
    .requiredOption(
      '--from <net/subnet|net/host|site|ip>',
      "where the packet starts (a site, or an address in a site's cidrs: the site's own table)",
    )
    .requiredOption('--to <ip>', 'destination address')
    .option('--at <time>', 'moment from the scenario start, e.g. 15m', '0s')
    .option('--json', 'print the trace document')
    .action((file: string, o: { from: string; to: string; at: string; json?: boolean }) => {
      const sc = load(io, file);
      const at = time('--at', o.at);
      const m = momentOf(
        sc,
        file,
        { seconds: at, text: o.at },
        (st) => trace(st, o.from, o.to),
        (v) => JSON.stringify({ ...v, at: 0 }),
        UsageError,
      );
      const t = atAndSince(m.value, at, m.since);
      io.stdout(o.json ? toJson(t) : formatTrace(t, { color: useColor }));
    });

  const jobFlags = (c: Command): Command =>
    c
      .option('--json', 'print the result document')
      .option('--seed <n>', "override the scenario's seed")
      .option('--workers <n>', 'worker threads (default: the number of cores); output is identical for any N')
      .option('--shard <k/n>', 'simulate shard K of N and print a partial result for `merge`')
      .option('--out <report.html>', 'also write the self-contained HTML report');

  jobFlags(
    cmd('run', 'simulate the timeline; per flow group: availability, outages and why').argument('<scenario>'),
  ).action(async (file: string, o: JobFlags) => {
    const sc = withSeed(load(io, file), o.seed);
    const p = progressFor(io, o, 'simulating');
    const r = await runJob(sc, {
      ...jobOptions(io, o),
      ...(p.progress ? { progress: p.progress } : {}),
    }).finally(p.stop);
    if ('cloudroute' in r) return emit(io, o, r, () => '');
    emit(io, o, r, () => formatRun(r, { color: useColor }));
    if (r.expectations.some((e) => !e.ok)) exit = 1;
    if (o.out) writeOut(io, '--out', o.out, renderHtml({ kind: 'run', result: r, scenario: sc }), 'report');
  });

  jobFlags(cmd('diff', 'what-if: run two scenarios over the same flows; the flows whose outcome changed'))
    .argument('<scenario-a>')
    .argument('<scenario-b>')
    .action(async (fa: string, fb: string, o: JobFlags) => {
      const a = withSeed(load(io, fa), o.seed);
      const b = withSeed(load(io, fb), o.seed);
      const warning = diffSharesNoGroup(
        { label: fa, groups: a.flows.map((f) => f.name) },
        { label: fb, groups: b.flows.map((f) => f.name) },
      );
      if (warning) io.stderr(`${warning}\n`);
      const r = await diffJob(a, b, jobOptions(io, o));
      if ('cloudroute' in r) return emit(io, o, r, () => '');
      emit(io, o, r, () => formatDiff(r, { color: useColor }));
      if (o.out)
        writeOut(
          io,
          '--out',
          o.out,
          renderHtml({ kind: 'diff', result: r, scenario: a, other: b }),
          'report',
        );
    });

  jobFlags(
    cmd('chaos', "seeded repetitions of the scenario's chaos: block; per group the outage distribution"),
  )
    .argument('<scenario>')
    .addOption(new Option('--runs <n>', 'repetitions (default: the chaos block runs)'))
    .action(async (file: string, o: JobFlags & { runs?: string }) => {
      const sc = withSeed(load(io, file), o.seed);
      if (!sc.chaos)
        throw new UsageError(
          `${file}: no chaos: block — add one (\`cloudroute schema\` lists its fields) to run chaos`,
        );
      const runs = runsFlag(o.runs) ?? sc.chaos.runs;
      const p = progressFor(io, o, 'chaos runs');
      const r = await chaosJob(sc, runs, {
        ...jobOptions(io, o),
        ...(p.progress ? { progress: p.progress } : {}),
      }).finally(p.stop);
      if ('cloudroute' in r) return emit(io, o, r, () => '');
      emit(io, o, r, () => formatChaos(r, { color: useColor }));
      if (o.out)
        writeOut(io, '--out', o.out, renderHtml({ kind: 'chaos', result: r, scenario: sc }), 'report');
    });

  cmd('merge', 'combine the partial results of a sharded run, diff or chaos into the whole document')
    .argument('<part.json...>')
    .option('--json', 'print the result document')
    .option('--out <report.html>', 'also write the HTML report')
    .action((files: string[], o: { json?: boolean; out?: string }) => {
      const parts = files.map((file) => ({ file, doc: readPart(io, file) }));
      const r = mergeParts(parts);
      if ('a' in r && 'b' in r) {
        const side = (s: 'a' | 'b'): string[] => r.groups.filter((g) => g[s] !== null).map((g) => g.name);
        const warning = diffSharesNoGroup(
          { label: r.a, groups: side('a') },
          { label: r.b, groups: side('b') },
        );
        if (warning) io.stderr(`${warning}\n`);
      }
      const text = (): string =>
        'groups' in r && 'expectations' in r
          ? formatRun(r, { color: useColor })
          : 'runs' in r
            ? formatChaos(r, { color: useColor })
            : formatDiff(r, { color: useColor });
      io.stdout(o.json ? toJson(r) : text());
      if ('expectations' in r && r.expectations.some((e) => !e.ok)) exit = 1;
      if (o.out) {
        // The report of the unsharded command: the parts carry the scenarios' names and
        // descriptions, all the report reads of a scenario besides the result.
        const { scenario, other } = parts[0]!.doc.report;
        const input = {
          kind: parts[0]!.doc.command,
          result: r,
          scenario: scenario as SimScenario,
          ...(other ? { other: other as SimScenario } : {}),
        } as Parameters<typeof renderHtml>[0];
        writeOut(io, '--out', o.out, renderHtml(input), 'report');
      }
    });

  program.hook('preAction', (_, action) => checkOutputs(io, action));
  const importIo: Io = {
    ...io,
    writeFile: (path, text) => writeOut(io, '-o', path, text, 'scenario'),
  };
  registerImport(program, importIo, UsageError);
  (await import('./commands/explain.js')).registerExplain(program, io, UsageError);

  try {
    if (argv.length === 0) {
      io.stderr(program.helpInformation());
      return 2;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (e) {
    if (e instanceof ExitSignal) return e.code;
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return 0;
      return 2;
    }
    if (
      e instanceof UsageError ||
      e instanceof OptionError ||
      e instanceof InputFileError ||
      e instanceof TraceInputError ||
      e instanceof MergeError ||
      e instanceof PartFileError
    ) {
      io.stderr(`${clipMessage(e.message)}\n`);
      return 2;
    }
    throw e;
  }
}
