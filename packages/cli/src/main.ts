/**
 * The `cloudroute` command. `main(argv, io)` is the whole CLI with its I/O injected, so tests run
 * it in-process; `bin.ts` wires it to the real process. Exit codes (DESIGN.md): 0 done, 1 an
 * `expect` failed, 2 bad input (file:line:column and what to fix; never a stack trace).
 */
import { Command, CommanderError } from 'commander';
import { MergeError, TraceInputError } from '@cloudroute/sim';
import { registerImport } from './commands/import.js';
import { registerInspect } from './commands/inspect.js';
import { registerJobs } from './commands/jobs.js';
import { registerMerge } from './commands/merge.js';
import { UsageError, writeOut, type CommandContext, type Io } from './context.js';
import { guardInputs, InputFileError } from './input-files.js';
import { clipMessage, OptionError } from './limits.js';
import { PartFileError } from './part-file.js';

export { UsageError };
export type { Io };

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

  const ctx: CommandContext = { io, useColor, cmd, setExit: (code) => (exit = code) };
  registerInspect(ctx);
  registerJobs(ctx);
  registerMerge(ctx);

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
