/**
 * The executable's collector mode (packages/cli/src/gc-mode.ts): `run` with as many threads as
 * cores starts again with `--single-threaded-gc`; everything else runs as it is.
 * End to end: the restarted command prints the same bytes and ends with the same exit code.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restartEnv, singleThreadedGcArgs } from '../packages/cli/src/gc-mode.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'packages/cli/dist/bin.js');
const FLAG = '--single-threaded-gc';

describe('singleThreadedGcArgs', () => {
  it.each([
    [['run', 'a.yaml'], 2, true],
    [['run', 'a.yaml', '--workers', '2'], 2, true],
    [['run', 'a.yaml', '--workers=4'], 2, true],
    [['run', 'a.yaml', '--json'], 1, true],
    [['chaos', 'a.yaml', '--json'], 2, false],
    [['diff', 'a.yaml', 'b.yaml'], 1, false],
    [['--no-color', 'run', 'a.yaml'], 2, true],
    [['run', 'a.yaml', '--workers', '1'], 2, false],
    [['run', 'a.yaml', '--workers', 'x'], 2, false],
    [['run', 'a.yaml', '--workers', '0'], 2, false],
    [['run', '--help'], 2, false],
    [['validate', 'a.yaml'], 2, false],
    [['trace', 'a.yaml'], 2, false],
    [['routes', 'a.yaml'], 2, false],
    [[], 2, false],
  ] as const)('%j on %i cores: restart %s', (argv, cores, restart) => {
    const args = singleThreadedGcArgs(argv, ['--enable-source-maps'], cores);
    expect(args !== undefined).toBe(restart);
    if (args) expect(args).toEqual(['--enable-source-maps', FLAG]);
  });

  it('never restarts a process that has the flag, or had it turned off', () => {
    expect(singleThreadedGcArgs(['run', 'a.yaml'], [FLAG], 2)).toBeUndefined();
    expect(singleThreadedGcArgs(['run', 'a.yaml'], ['--no-single-threaded-gc'], 2)).toBeUndefined();
  });
});

describe('restartEnv', () => {
  it("fixes glibc's mmap threshold unless the user set it, and keeps the rest", () => {
    expect(restartEnv({ A: '1' })).toEqual({ A: '1', MALLOC_MMAP_THRESHOLD_: '131072' });
    expect(restartEnv({ MALLOC_MMAP_THRESHOLD_: '0' })).toEqual({ MALLOC_MMAP_THRESHOLD_: '0' });
  });
});

describe('the restarted executable', () => {
  const node = (args: string[]) =>
    spawnSync(process.execPath, args, {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
  const scenario = 'scenarios/lesson-1-bgp-default-route.yaml';

  it('prints the same bytes as the command run without restarting, exit code 0', () => {
    const restarted = node([BIN, 'run', scenario, '--json', '--workers', '64']);
    const direct = node([FLAG, BIN, 'run', scenario, '--json', '--workers', '64']);
    expect(restarted.status).toBe(0);
    expect(restarted.stdout).toBe(direct.stdout);
    expect(restarted.stdout.length).toBeGreaterThan(100);
  });

  it('passes on a user error: exit code 2 and the located message', () => {
    const r = node([BIN, 'run', 'no-such-file.yaml', '--workers', '64']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no-such-file.yaml');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
