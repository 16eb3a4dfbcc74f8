/**
 * Fuzzing the whole CLI in-process (issue 18): the scenario files of scenarios/ mutated (lines
 * deleted, duplicated, swapped; characters flipped; numbers made huge; values of the wrong type;
 * bytes that are not text), wrong paths, folders and devices, and option values past their
 * bounds, through `main`. Whatever the input: the exit code is 0, 1 or 2, stderr holds no stack
 * trace and no long echo of the input, and `main` never throws. The work is bounded: files keep
 * small flow counts, and a mutated file is simulated only when it validates within small sizes.
 *
 * Pinned seed; FUZZ_RUNS=<n> runs more cases (the default run is a few hundred).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '@cloudroute/scenario';
import { cli, type CliRun } from './helpers.js';

const SEED = 18_2026;
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);

/** The scenarios with small flow counts (a simulated mutant stays cheap). */
const FILES: Readonly<Record<string, string>> = Object.fromEntries(
  readdirSync('scenarios')
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => [f, readFileSync(`scenarios/${f}`, 'utf8').replace(/count: \d+/g, 'count: 40')]),
);
const NAMES = Object.keys(FILES);

const FLIPS = [
  ':',
  '-',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '\t',
  ' ',
  '\n',
  '#',
  '&',
  '*',
  '!',
  'x',
  '0',
  '9',
  '/',
  ',',
  'é',
  '\uFFFD',
  '\u0000',
  '\u2028',
];
const NUMBERS = [
  '99999999999999999999',
  '-1',
  '0',
  '1e309',
  '0x10',
  '1.5',
  '9007199254740993',
  '100000001',
  'NaN',
  '.inf',
];
const VALUES = [
  '[]',
  '{}',
  'null',
  'true',
  '"x"',
  '[1, 2]',
  '{ a: 1 }',
  '~',
  '999999999999d',
  "''",
  '*a',
  '!!str x',
];

type Op =
  | { readonly kind: 'delete' | 'duplicate' | 'truncate'; readonly at: number }
  | { readonly kind: 'swap'; readonly at: number; readonly other: number }
  | { readonly kind: 'flip'; readonly at: number; readonly text: string }
  | { readonly kind: 'number' | 'value'; readonly at: number; readonly text: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'truncate' as const),
    at: fc.nat(),
  }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), text: fc.constantFrom(...FLIPS) }),
  fc.record({ kind: fc.constant('number' as const), at: fc.nat(), text: fc.constantFrom(...NUMBERS) }),
  fc.record({ kind: fc.constant('value' as const), at: fc.nat(), text: fc.constantFrom(...VALUES) }),
);

/** The `at`-th match of `re` in `text` (modulo the count) replaced by `by`. */
function replaceNth(text: string, re: RegExp, at: number, by: (m: string) => string): string {
  const ms = [...text.matchAll(re)];
  if (ms.length === 0) return text;
  const m = ms[at % ms.length]!;
  return text.slice(0, m.index) + by(m[0]) + text.slice(m.index + m[0].length);
}

function mutate(text: string, op: Op): string {
  const lines = text.split('\n');
  const i = op.at % lines.length;
  switch (op.kind) {
    case 'delete':
      lines.splice(i, 1);
      return lines.join('\n');
    case 'duplicate':
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    case 'truncate':
      return text.slice(0, op.at % (text.length + 1));
    case 'swap': {
      const j = op.other % lines.length;
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    }
    case 'flip': {
      const at = op.at % (text.length + 1);
      return text.slice(0, at) + op.text + text.slice(at + 1);
    }
    case 'number':
      return replaceNth(text, /\b\d+\b/g, op.at, () => op.text);
    case 'value':
      return replaceNth(text, /(?<=: )[^\s,}\]]+/g, op.at, () => op.text);
  }
}

/** The longest piece of `inputs` (100 characters or more) that `text` repeats, or ''. */
function echo(text: string, inputs: readonly string[]): string {
  for (const line of text.split('\n'))
    for (let i = 0; i + 100 <= line.length; i += 10) {
      const piece = line.slice(i, i + 100);
      if (inputs.some((input) => input.includes(piece))) return piece;
    }
  return '';
}

/** What every run must satisfy, whatever the input. */
function expectSane(r: CliRun, what: string, inputs: readonly string[]): void {
  expect([0, 1, 2], what).toContain(r.code);
  expect(r.stderr, what).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
  expect(r.stderr, what).not.toMatch(/internal error|this is a cloudroute bug/);
  // Quoted input is cut to 80 characters: no 100 characters of the input come back.
  expect(echo(r.stderr, inputs), what).toBe('');
  for (const line of r.stderr.split('\n')) expect(line.length, what).toBeLessThan(2_200);
  if (r.code === 2) expect(r.stderr.length, what).toBeGreaterThan(0);
}

/** The text of the small regular files among `argv` (what an error could echo). */
function contents(argv: readonly string[]): string[] {
  return argv.flatMap((a) => {
    try {
      const st = statSync(a);
      return st.isFile() && st.size < 1_000_000 ? [readFileSync(a, 'utf8')] : [];
    } catch {
      return [];
    }
  });
}

/** A mutant is simulated only when it is valid and small (the work of a case stays bounded). */
function small(text: string): { net: string; subnet: string } | undefined {
  const r = loadScenario(text, 'm.yaml');
  const sc = r.scenario;
  if (!sc) return undefined;
  const flows = sc.flows.reduce((a, f) => a + f.count, 0);
  if (flows > 2_000 || sc.timeline.length > 200 || sc.horizon > 40 * 86_400) return undefined;
  const net = sc.topology.networks.find((n) => n.subnets.length > 0);
  return net ? { net: net.name, subnet: net.subnets[0]!.name } : { net: 'x', subnet: 'y' };
}

const mutantArb = fc.record({
  file: fc.constantFrom(...NAMES),
  ops: fc.array(opArb, { minLength: 1, maxLength: 4 }),
  command: fc.constantFrom('validate', 'validate', 'validate', 'run', 'routes', 'trace', 'diff', 'chaos'),
});

const PATHS = [
  '/dev/null',
  '/dev/zero',
  '/dev/urandom',
  'scenarios',
  '/',
  'no-such.yaml',
  '',
  '.',
  'package.json',
  'README.md',
  '/etc/hostname',
  'scenarios/../scenarios/lesson-4-virtual-router.yaml',
];
const OPTION_VALUES = [
  '-1',
  '0',
  '1',
  '2',
  '1025',
  '99999999999999999999',
  '1e3',
  'abc',
  '',
  ' ',
  '0x10',
  '100001',
  '3/2',
  '0/0',
  '1/1',
  '-5m',
  '99999999d',
  '9'.repeat(5000),
];

const argvArb: fc.Arbitrary<string[]> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(
        'validate',
        'run',
        'chaos',
        'routes',
        'trace',
        'diff',
        'merge',
        'import aws',
        'import azure',
        'import terraform',
      ),
      fc.constantFrom(...PATHS),
    )
    // `import` walks a folder for its .json files: not the file system from `/`, nor the
    // workspace's node_modules from `.`.
    .filter(([cmd, p]) => !(cmd.startsWith('import') && (p === '/' || p === '.')))
    .map(([cmd, p]) => {
      const argv = [...cmd.split(' '), p];
      if (cmd === 'diff') argv.push(p);
      if (cmd === 'routes') argv.push('--subnet', 'hub/web');
      if (cmd === 'trace') argv.push('--from', 'hub/web', '--to', '8.8.8.8');
      return argv;
    }),
  fc
    .tuple(
      fc.constantFrom('--seed', '--runs', '--workers', '--shard', '--at'),
      fc.constantFrom(...OPTION_VALUES),
    )
    .map(([flag, v]) => {
      // A valid number of runs is run: kept small (the cap itself is tested in cli-limits).
      if (flag === '--runs')
        return [
          'chaos',
          'scenarios/chaos-tunnel-flaps.yaml',
          '--json',
          flag,
          Number(v) > 2 && Number(v) <= 100_000 ? '2' : v,
        ];
      if (flag === '--at')
        return ['routes', 'scenarios/lesson-1-bgp-default-route.yaml', '--subnet', 'hub/web', flag, v];
      return ['run', 'scenarios/lesson-4-virtual-router.yaml', '--json', flag, v];
    }),
  fc.array(
    fc.constantFrom('run', '--json', '-x', '--', 'help', 'validate', '--nope', 'x.yaml', '-h', '--out'),
    { maxLength: 4 },
  ),
);

describe('fuzzing the CLI in-process (pinned seed)', () => {
  it(
    `mutated scenario files: exit 0/1/2, no stack trace, no long echo (${RUNS} cases)`,
    async () => {
      let simulated = 0;
      await fc.assert(
        fc.asyncProperty(mutantArb, async ({ file, ops, command }) => {
          const original = FILES[file]!;
          const text = ops.reduce(mutate, original);
          const files = { 'm.yaml': text, 'o.yaml': original };
          const what = `${command} ${file} ${JSON.stringify(ops)}`;
          const v = await cli(['validate', 'm.yaml'], { files });
          expectSane(v, what, [text]);
          if (command === 'validate' || v.code !== 0) return;
          const where = small(text);
          if (where === undefined) return;
          simulated++;
          const argv: Record<string, string[]> = {
            run: ['run', 'm.yaml', '--json', '--workers', '1'],
            routes: ['routes', 'm.yaml', '--subnet', `${where.net}/${where.subnet}`, '--at', '10m'],
            trace: ['trace', 'm.yaml', '--from', `${where.net}/${where.subnet}`, '--to', '10.1.1.10'],
            diff: ['diff', 'o.yaml', 'm.yaml', '--json', '--workers', '1'],
            chaos: ['chaos', 'm.yaml', '--runs', '2', '--json', '--workers', '1'],
          };
          const r = await cli(argv[command]!, { files });
          expectSane(r, what, [text, original]);
          if (r.code !== 2 && argv[command]!.includes('--json'))
            expect(() => JSON.parse(r.stdout) as unknown, what).not.toThrow();
        }),
        { seed: SEED, numRuns: RUNS },
      );
      // The fuzz reaches the simulator, not only the parser.
      expect(simulated).toBeGreaterThanOrEqual(RUNS / 20);
    },
    60_000 + RUNS * 200,
  );

  it('wrong paths, folders, devices and option values past their bounds', async () => {
    await fc.assert(
      fc.asyncProperty(argvArb, async (argv) => {
        const r = await cli(argv);
        expectSane(r, JSON.stringify(argv.map((a) => (a.length > 40 ? `${a.slice(0, 40)}…` : a))), [
          ...contents(argv),
          ...argv.filter((a) => a.length >= 100),
        ]);
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / 3) },
    );
  });
});
