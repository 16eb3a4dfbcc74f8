/**
 * The batch-engine deployment files (deploy/): the Kubernetes manifests, the Dockerfile and the
 * AWS Batch and GitHub Actions examples of deploy/README.md. Checks that what they run uses the
 * CLI's real commands and flags, that N is the same everywhere it is written (completions,
 * parallelism, array size, matrix, `--shard K/N`, the merge's wait), and runs their shell
 * commands for real (with /app and /parts mapped to this checkout and a temporary folder): the
 * merged document equals the unsharded one, byte for byte.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '@cloudroute/cli';
import { tempDir } from './helpers.js';

const ROOT = resolve(import.meta.dirname, '..');
const K8S = join(ROOT, 'deploy/kubernetes');
const BIN = join(ROOT, 'packages/cli/dist/bin.js');

/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are untyped YAML */
type Doc = Record<string, any>;

function manifests(): Doc[] {
  return readdirSync(K8S)
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .flatMap((f) => parseAllDocuments(readFileSync(join(K8S, f), 'utf8')).map((d) => d.toJS() as Doc));
}

function byKindName(docs: readonly Doc[], kind: string, name: string): Doc {
  const d = docs.find((x) => x['kind'] === kind && x['metadata']?.name === name);
  expect(d, `${kind}/${name} in deploy/kubernetes`).toBeDefined();
  return d!;
}

/** The shell text a container runs (`command` + `args`, as `sh -c` takes it). */
function shellOf(container: Doc): string {
  const cmd = [
    ...((container['command'] as string[] | undefined) ?? []),
    ...((container['args'] as string[] | undefined) ?? []),
  ];
  expect(cmd.slice(0, 2)).toEqual(['/bin/sh', '-c']);
  return cmd[2]!;
}

/** Every cloudroute invocation in a shell text: subcommand and the flags it passes. */
function invocations(shell: string): { sub: string; flags: string[] }[] {
  const out: { sub: string; flags: string[] }[] = [];
  for (const m of shell.matchAll(/bin\.js\s+([a-z]+)([^;&|>]*)/g)) {
    const flags = [...m[2]!.matchAll(/(?:^|\s)(--[a-z-]+)/g)].map((f) => f[1]!);
    out.push({ sub: m[1]!, flags });
  }
  return out;
}

/** `cloudroute <sub> --help`, through the CLI in-process. */
async function help(sub: string): Promise<string> {
  let stdout = '';
  const code = await main([sub, '--help'], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stdout += t),
    readFile: () => '',
    writeFile: () => undefined,
    env: { NO_COLOR: '1' },
    isTTY: false,
    cpus: 1,
  });
  expect(code).toBe(0);
  return stdout;
}

/** Checks each invocation's subcommand exists and each flag it passes is one the CLI defines. */
async function expectRealFlags(shells: readonly string[]): Promise<void> {
  const all = shells.flatMap(invocations);
  expect(all.length).toBeGreaterThan(0);
  for (const { sub, flags } of all) {
    const text = await help(sub);
    expect(text, `cloudroute ${sub}`).toMatch(new RegExp(`Usage: cloudroute ${sub}\\b`));
    for (const f of flags) expect(text, `cloudroute ${sub} ${f}`).toMatch(new RegExp(`\\s${f}\\b`));
  }
}

/** Runs a shell text with sh; returns exit code and stdout. */
function sh(
  text: string,
  env: Record<string, string>,
  cwd = ROOT,
): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('/bin/sh', ['-c', text], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Maps the image's paths to this checkout and /parts to a folder of the test. */
function local(text: string, parts: string): string {
  return text.replaceAll('/app/', `${ROOT}/`).replaceAll('/parts', parts);
}

function localEnv(env: Record<string, string>, parts: string): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, local(v, parts)]));
}

/** The unsharded `run --json` of a scenario: what every merge must reproduce. */
function whole(scenario: string): string {
  return execFileSync(process.execPath, [BIN, 'run', scenario, '--json', '--workers', '1'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

const docs = manifests();
const shards = byKindName(docs, 'Job', 'cloudroute-shards');
const merge = byKindName(docs, 'Job', 'cloudroute-merge');
const shardContainer = shards['spec'].template.spec.containers[0] as Doc;
const mergeContainer = merge['spec'].template.spec.containers[0] as Doc;
const shardShell = shellOf(shardContainer);
const mergeShell = shellOf(mergeContainer);
const N = Number(
  /--shard\s+"?\$(?:\{JOB_COMPLETION_INDEX\}|\(JOB_COMPLETION_INDEX\)|JOB_COMPLETION_INDEX)\/(\d+)"?/.exec(
    shardShell,
  )?.[1],
);
const envOf = (c: Doc): Record<string, string> =>
  Object.fromEntries(
    ((c['env'] as { name: string; value: string }[] | undefined) ?? []).map((e) => [e.name, e.value]),
  );

const readme = readFileSync(join(ROOT, 'deploy/README.md'), 'utf8');
const fenced = (lang: string): string[] =>
  [...readme.matchAll(new RegExp(`\`\`\`${lang}\\n([^]*?)\`\`\``, 'g'))].map((m) => m[1]!);

beforeAll(() => {
  // The shell commands run the built CLI, as the image does (CI builds before it tests).
  expect(existsSync(BIN), `${BIN}: run \`pnpm build\` first`).toBe(true);
});

describe('deploy/kubernetes: Indexed Job of N shards', () => {
  it('is an Indexed Job whose completions and parallelism equal the N of --shard', () => {
    expect(Number.isInteger(N) && N >= 1).toBe(true);
    expect(shards['apiVersion']).toBe('batch/v1');
    expect(shards['spec'].completionMode).toBe('Indexed');
    expect(shards['spec'].completions).toBe(N);
    expect(shards['spec'].parallelism).toBe(N);
    expect(shards['spec'].template.spec.restartPolicy).toBe('Never');
  });

  it('runs `cloudroute run <scenario> --shard $JOB_COMPLETION_INDEX/N --json` into /parts/part-K.json', () => {
    expect(invocations(shardShell).map((i) => i.sub)).toEqual(['run']);
    expect(invocations(shardShell)[0]!.flags).toEqual(expect.arrayContaining(['--shard', '--json']));
    expect(shardShell).toContain('/app/packages/cli/dist/bin.js run');
    expect(shardShell).toMatch(/\/parts\/part-\$\{JOB_COMPLETION_INDEX\}\.json/);
    const scenario = envOf(shardContainer)['SCENARIO']!;
    expect(existsSync(scenario.replace('/app/', `${ROOT}/`)), scenario).toBe(true);
  });

  it('fails the job at once on bad input (exit 2) and names a real container', () => {
    const rule = (shards['spec'].podFailurePolicy.rules as Doc[]).find((r) => r['action'] === 'FailJob')!;
    expect(rule['onExitCodes'].values).toEqual([2]);
    expect(rule['onExitCodes'].containerName).toBe(shardContainer['name']);
  });

  it('shares one PersistentVolumeClaim between the shards and the merge, mounted at /parts', () => {
    const pvc = docs.find((d) => d['kind'] === 'PersistentVolumeClaim')!;
    const claims = (job: Doc): string[] =>
      (job['spec'].template.spec.volumes as Doc[]).flatMap((v) =>
        v['persistentVolumeClaim'] ? [v['persistentVolumeClaim'].claimName as string] : [],
      );
    expect(claims(shards)).toEqual([pvc['metadata'].name]);
    expect(claims(merge)).toEqual([pvc['metadata'].name]);
    for (const c of [shardContainer, mergeContainer])
      expect((c['volumeMounts'] as Doc[]).some((m) => m['mountPath'] === '/parts')).toBe(true);
  });

  it('merges with `cloudroute merge /parts/part-*.json --json` after waiting for exactly N parts', () => {
    expect(invocations(mergeShell)).toEqual([{ sub: 'merge', flags: ['--json', '--out'] }]);
    expect(mergeShell).toContain('merge /parts/part-*.json');
    const wait = shellOf(merge['spec'].template.spec.initContainers[0] as Doc);
    expect(wait).toContain(`-ge ${N} ]`);
    expect(wait).toContain('/parts/part-*.json');
  });

  it('uses only subcommands and flags the CLI defines (run --help, merge --help)', async () => {
    const runHelp = await help('run');
    for (const f of ['--shard <k/n>', '--json', '--workers <n>', '--out <report.html>'])
      expect(runHelp).toContain(f);
    const mergeHelp = await help('merge');
    expect(mergeHelp).toContain('<part.json...>');
    await expectRealFlags([shardShell, mergeShell]);
  });

  it('kustomization lists every manifest', () => {
    const k = parse(readFileSync(join(K8S, 'kustomization.yaml'), 'utf8')) as Doc;
    const files = readdirSync(K8S).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...(k['resources'] as string[])].sort()).toEqual(files.sort());
  });

  it('run as written (shards 0..N-1, then the merge): the merged document is the unsharded one', () => {
    const parts = tempDir();
    const env: Record<string, string> = { ...localEnv(envOf(shardContainer), parts), WORKERS: '1' };
    for (let k = 0; k < N; k++) {
      const r = sh(local(shardShell, parts), { ...env, JOB_COMPLETION_INDEX: String(k) });
      expect(r.code, r.stderr).toBe(0);
    }
    expect(readdirSync(parts).sort()).toEqual(Array.from({ length: N }, (_, k) => `part-${k}.json`).sort());
    const m = sh(local(mergeShell, parts), envOf(mergeContainer));
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toBe(whole(env['SCENARIO']!));
    expect(readFileSync(join(parts, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/);
  });
});

describe('deploy/Dockerfile', () => {
  const file = readFileSync(join(ROOT, 'deploy/Dockerfile'), 'utf8');

  it('builds the CLI on node:20-slim with a frozen pnpm 10 install and runs bin.js where the manifests expect it', () => {
    expect(file).toMatch(/^FROM node:20-slim$/m);
    expect(file).toMatch(/^WORKDIR \/app$/m);
    expect(file).toMatch(/^COPY \. \.$/m);
    expect(file).toContain('npx -y pnpm@10 install --frozen-lockfile');
    expect(file).toContain('ENTRYPOINT ["node", "/app/packages/cli/dist/bin.js"]');
    for (const c of [shardContainer, mergeContainer])
      expect(shellOf(c)).toContain('node /app/packages/cli/dist/bin.js ');
  });
});

describe('deploy/README.md: AWS Batch array job', () => {
  const defs = fenced('json').map((t) => JSON.parse(t) as Doc);
  const shard = defs.find((d) => d['jobDefinitionName'] === 'cloudroute-shard')!;
  const mergeDef = defs.find((d) => d['jobDefinitionName'] === 'cloudroute-merge')!;
  const shardCmd = (shard['containerProperties'].command as string[])[2]!;
  const mergeCmd = (mergeDef['containerProperties'].command as string[])[2]!;

  it('shards by AWS_BATCH_JOB_ARRAY_INDEX with the N of the array size, and merges after the whole array', () => {
    const n = Number(/--shard\s+"\$\{AWS_BATCH_JOB_ARRAY_INDEX\}\/(\d+)"/.exec(shardCmd)?.[1]);
    expect(n).toBe(N);
    expect(readme).toContain(`--array-properties size=${n}`);
    expect(readme).toMatch(/--job-definition cloudroute-merge --depends-on jobId=\$ARRAY/);
    expect(mergeCmd).toContain('merge /parts/part-*.json --json');
    const retry = shard['retryStrategy'].evaluateOnExit as Doc[];
    expect(retry[0]).toEqual({ onExitCode: '2', action: 'EXIT' });
  });

  it('uses only subcommands and flags the CLI defines', async () => {
    await expectRealFlags([shardCmd, mergeCmd]);
  });

  it('run as written: the merged document is the unsharded one', () => {
    const parts = tempDir();
    const env = localEnv(
      Object.fromEntries(
        (shard['containerProperties'].environment as { name: string; value: string }[]).map((e) => [
          e.name,
          e.value,
        ]),
      ),
      parts,
    );
    for (let k = 0; k < N; k++) {
      const r = sh(local(shardCmd, parts).replace('--workers 2', '--workers 1'), {
        ...env,
        AWS_BATCH_JOB_ARRAY_INDEX: String(k),
      });
      expect(r.code, r.stderr).toBe(0);
    }
    const m = sh(local(mergeCmd, parts), {});
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toBe(whole(env['SCENARIO']!));
  });
});

describe('deploy/README.md: GitHub Actions matrix', () => {
  const wf = parse(fenced('yaml').find((t) => t.includes('matrix:'))!) as Doc;
  const shardJob = wf['jobs'].shard as Doc;
  const mergeJob = wf['jobs'].merge as Doc;
  const runs = (job: Doc): string[] =>
    (job['steps'] as Doc[]).flatMap((s) => (typeof s['run'] === 'string' ? [s['run']] : []));
  const shardRun = runs(shardJob).find((r) => r.includes('--shard'))!;
  const mergeRun = runs(mergeJob).find((r) => r.includes(' merge '))!;

  it('has a matrix of N entries 0..N-1, the same N in --shard, and a merge job that needs it', () => {
    expect(shardJob['strategy'].matrix.shard).toEqual(Array.from({ length: N }, (_, k) => k));
    expect(shardRun).toContain(`--shard \${{ matrix.shard }}/${N}`);
    expect(mergeJob['needs']).toBe('shard');
    expect(mergeRun).toContain('merge parts/part-*.json --json');
    expect(runs(shardJob)).toContain('npx -y pnpm@10 install --frozen-lockfile');
  });

  it('uses only subcommands and flags the CLI defines', async () => {
    await expectRealFlags([shardRun, mergeRun]);
  });

  it('run as written (artifacts copied into parts/): the merged document is the unsharded one', () => {
    const work = tempDir();
    const toLocal = (t: string): string =>
      t.replace('node packages/', `node ${ROOT}/packages/`).replace(/ scenarios\//g, ` ${ROOT}/scenarios/`);
    for (let k = 0; k < N; k++) {
      const r = sh(toLocal(shardRun.replaceAll('${{ matrix.shard }}', String(k))), {}, work);
      expect(r.code, r.stderr).toBe(0);
    }
    mkdirSync(join(work, 'parts'));
    for (let k = 0; k < N; k++)
      copyFileSync(join(work, `part-${k}.json`), join(work, 'parts', `part-${k}.json`));
    const m = sh(toLocal(mergeRun), {}, work);
    expect(m.code, m.stderr).toBe(0);
    const scenario = /run (\S+\.yaml)/.exec(shardRun)![1]!;
    expect(readFileSync(join(work, 'result.json'), 'utf8')).toBe(whole(join(ROOT, scenario)));
  });
});
