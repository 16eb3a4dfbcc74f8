/**
 * The commands that simulate flows over the timeline: `run`, `diff` (two what-ifs over the same
 * flows) and `chaos` (seeded repetitions), each sharded with `--shard` and combined by `merge`.
 */
import { Option } from 'commander';
import { chaosJob, diffJob, runJob } from '@cloudroute/sim';
import { formatChaos, formatDiff, formatRun, renderHtml } from '@cloudroute/report';
import {
  emit,
  jobFlags,
  jobOptions,
  load,
  progressFor,
  UsageError,
  withSeed,
  writeOut,
  type CommandContext,
  type JobFlags,
} from '../context.js';
import { runsFlag } from '../limits.js';
import { diffSharesNoGroup } from '../output.js';

export function registerJobs({ io, useColor, cmd, setExit }: CommandContext): void {
  jobFlags(
    cmd('run', 'simulate the timeline; per flow group: availability, outages and why').argument('<scenario>'),
  ).action(async (file: string, o: JobFlags) => {
    const sc = withSeed(load(io, file), o.seed);
    const p = progressFor(io, o, 'simulating');
    const r = await runJob(sc, {
      ...jobOptions(io, o),
      ...(p.progress ? { progress: p.progress } : {}),
    }).finally(p.stop);
    if (r.kind === 'part') return emit(io, o, r, () => '');
    emit(io, o, r, () => formatRun(r, { color: useColor }));
    if (r.expectations.some((e) => !e.ok)) setExit(1);
    if (o.out) writeOut(io, '--out', o.out, renderHtml({ result: r, scenario: sc }), 'report');
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
      if (r.kind === 'part') return emit(io, o, r, () => '');
      emit(io, o, r, () => formatDiff(r, { color: useColor }));
      if (o.out) writeOut(io, '--out', o.out, renderHtml({ result: r, scenario: a, other: b }), 'report');
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
      if (r.kind === 'part') return emit(io, o, r, () => '');
      emit(io, o, r, () => formatChaos(r, { color: useColor }));
      if (o.out) writeOut(io, '--out', o.out, renderHtml({ result: r, scenario: sc }), 'report');
    });
}
