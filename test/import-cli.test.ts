/**
 * `cloudroute import` and `routes --compare` end to end, in-process. Until the lead wires
 * `registerImport` into main.ts the command runs in a program built the way main.ts builds its
 * own (same Io, same UsageError, exit 2 on bad input); scenarios it writes then go through the
 * real CLI (`validate`, `trace`, `run`).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, UsageError, type Io } from '@cloudroute/cli';
import { effectiveRoutes } from '@cloudroute/model';
import { loadScenario } from '@cloudroute/scenario';
import { stateAt } from '@cloudroute/sim';
import { runImport } from '../packages/cli/src/commands/import.js';
import { runCompare } from '../packages/cli/src/commands/compare.js';
import { cli, tempDir } from './helpers.js';
import { readFileSync } from 'node:fs';

const FIXTURES = join(import.meta.dirname, '../packages/import/test/fixtures');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly files: Map<string, string>;
}

function io(
  files: Record<string, string>,
  written: Map<string, string>,
  out: { stdout: string; stderr: string },
): Io {
  return {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    readFile: (p) => files[p] ?? written.get(p) ?? readFileSync(p, 'utf8'),
    writeFile: (p, t) => void written.set(p, t),
    env: { NO_COLOR: '1' },
    isTTY: false,
    cpus: 1,
  };
}

/** `cloudroute import …` in a program wired as main.ts wires its commands. */
async function importCli(argv: readonly string[], files: Record<string, string> = {}): Promise<Run> {
  const out = { stdout: '', stderr: '' };
  const written = new Map<string, string>();
  const code = await runImport(argv, io(files, written, out), UsageError);
  return { code, ...out, files: written };
}

const emptyDir = tempDir();
// Run through main.ts as well once the lead has wired the command in.
const wired = (await cli(['import', '--help'])).stdout.includes('Examples:');
const imported = await importCli(['azure', join(FIXTURES, 'azure', 'cli'), join(FIXTURES, 'azure', 'arm')]);

describe('cloudroute import aws|azure|terraform', () => {
  it('imports a folder of AWS exports to -o, warnings and a summary on stderr; the file validates and traces', async () => {
    const r = await importCli(['aws', join(FIXTURES, 'aws-multi-account'), '-o', 'net.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const text = r.files.get('net.yaml')!;
    expect(r.stderr).toContain('warning: ');
    expect(r.stderr).toMatch(
      /imported 3 networks, 6 subnets, 5 route tables \(12 routes\), 4 hosts, 5 gateways, 2 sites, 2 connections, 1 peering, 1 timeline event; \d+ warnings → net\.yaml\n$/,
    );
    const v = await cli(['validate', 'net.yaml'], { files: { 'net.yaml': text } });
    expect(v.code).toBe(0);
    const t = await cli(['trace', 'net.yaml', '--from', 'prod/app', '--to', '10.30.1.10', '--json'], {
      files: { 'net.yaml': text },
    });
    expect(JSON.parse(t.stdout)).toMatchObject({ verdict: 'delivered' });
    expect(`${text}${r.stderr}`).not.toContain('FixturePsk');
  });

  it('imports Azure files to stdout', async () => {
    const r = await importCli([
      'azure',
      join(FIXTURES, 'azure', 'cli'),
      join(FIXTURES, 'azure', 'arm', 'spoke-vnet.json'),
      join(FIXTURES, 'azure', 'arm', 'app1-nic.json'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Imported by `cloudroute import azure` from:/);
    const t = await cli(['trace', 'hub.yaml', '--from', 'hub/web1', '--to', '10.2.1.4'], {
      files: { 'hub.yaml': r.stdout },
    });
    expect(t.stdout).toContain('delivered');
    expect(`${r.stdout}${r.stderr}`).not.toContain('FixtureAzureSharedKey');
  });

  it('terraform --what-if: run shows the outage of a gateway replacement', async () => {
    const r = await importCli([
      'terraform',
      join(FIXTURES, 'terraform', 'azure-gateway-replace-1.2.plan.json'),
      '--what-if',
      '--name',
      'apply-plan',
    ]);
    expect(r.code).toBe(0);
    const text = r.stdout.replace(
      /^flows: \[\]$/m,
      'flows:\n  - { name: app-branch, from: hub/app, to: branch, count: 500 }',
    );
    const run = await cli(['run', 'apply.yaml', '--json'], { files: { 'apply.yaml': text } });
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as {
      scenario: string;
      groups: { outages: { start: number; end: number }[] }[];
    };
    expect(doc.scenario).toBe('apply-plan');
    expect(doc.groups[0]?.outages.map((o) => [o.start, o.end])).toEqual([[300, 3065]]);
  });

  it('prints help with examples', async () => {
    const r = await importCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('cloudroute import terraform plan.json --what-if');
  });

  describe('bad input: exit 2 with the file and the JSON path', () => {
    const cases: [string, string[], Record<string, string>, string][] = [
      [
        'an unknown provider',
        ['gcp', 'x.json'],
        {},
        'import gcp: unknown source — use aws, azure or terraform',
      ],
      [
        'not JSON',
        ['aws', 'bad.json'],
        { 'bad.json': '{"Vpcs": [,]}' },
        'bad.json: $.Vpcs[0]: not JSON at line 1, column 11',
      ],
      [
        'the wrong provider',
        ['azure', 'v.json'],
        { 'v.json': '{"Vpcs": []}' },
        'v.json: $.Vpcs: this is AWS CLI JSON',
      ],
      [
        'an unknown plan format',
        ['terraform', 'p.json'],
        { 'p.json': '{"format_version": "3.1"}' },
        'p.json: $.format_version: unknown format version "3.1"',
      ],
      [
        '--what-if off terraform',
        ['aws', 'v.json', '--what-if'],
        { 'v.json': '{"Vpcs": []}' },
        '--what-if is for terraform plans',
      ],
      ['two plans', ['terraform', 'a.json', 'b.json'], {}, 'import terraform takes one plan or state'],
      [
        'a missing file',
        ['aws', join(FIXTURES, 'nope.json')],
        {},
        'nope.json: cannot read the export (no such file)',
      ],
      ['a folder without JSON', ['aws', emptyDir], {}, 'no .json file in this folder'],
    ];
    for (const [what, argv, files, message] of cases)
      it(what, async () => {
        const r = await importCli(argv, files);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(message);
        expect(r.stdout).toBe('');
      });
  });

  it.skipIf(!wired)('is wired into main', async () => {
    const r = await cli(['import', 'aws', join(FIXTURES, 'aws-multi-account')]);
    expect(r.code).toBe(0);
    expect((await cli(['import', 'aws', 'x.json'], { files: { 'x.json': 'nope' } })).code).toBe(2);
    void main;
  });
});

describe('cloudroute routes … --compare', () => {
  const sc = loadScenario(imported.stdout, 'hub.yaml').scenario!;
  const { chaos: _chaos, ...timeline } = sc;
  const view = effectiveRoutes(stateAt(timeline, 0), 'hub/web');
  const exportFile = join(FIXTURES, 'effective-routes', 'web1-nic.json');

  it('prints the differences and exits 1 when there are some', () => {
    const out = { stdout: '', stderr: '' };
    const code = runCompare(
      io({}, new Map(), out),
      { view, scenario: sc, file: exportFile, json: false },
      UsageError,
    );
    expect(code).toBe(1);
    expect(out.stdout).toContain('4 differences (9 routes alike)');
    expect(out.stdout).toContain('missing  25.33.80.0/20');
  });

  it('prints JSON with --json and exits 0 when the tables agree', () => {
    // The provider's export written by hand as the provider prints it, not built from `view`.
    const out = { stdout: '', stderr: '' };
    const code = runCompare(
      io({}, new Map(), out),
      {
        view,
        scenario: sc,
        file: join(FIXTURES, 'effective-routes', 'web1-nic-agrees.json'),
        json: true,
      },
      UsageError,
    );
    expect(code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({
      subnet: 'hub/web',
      provider: 'azure',
      matched: 12,
      differences: [],
      at: 0,
    });
  });

  it('turns a bad export into a usage error naming the file', () => {
    const run = () =>
      runCompare(
        io({ 'x.json': '[1,2' }, new Map(), { stdout: '', stderr: '' }),
        { view, scenario: sc, file: 'x.json', json: false },
        UsageError,
      );
    expect(run).toThrow(UsageError);
    expect(run).toThrow('x.json: $: not JSON');
  });
});
