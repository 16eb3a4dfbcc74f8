/**
 * Issue 18: running the CLI the way README says. `pnpm cloudroute …` runs the workspace script in
 * the workspace root; the user's paths are relative to the folder they typed the command in
 * (pnpm's INIT_CWD). Runs the built binary (`tsc -b` output), as a user does.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'packages/cli/dist/bin.js');
const SCENARIOS = join(ROOT, 'scenarios');

function bin(args: readonly string[], env: Record<string, string>, cwd = ROOT) {
  // Only what the test sets: no INIT_CWD inherited from the `pnpm test` that runs this file.
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k !== 'INIT_CWD' && !k.startsWith('npm_lifecycle')),
  );
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...base, NO_COLOR: '1', ...env },
    encoding: 'utf8',
  });
}

describe('paths are relative to where the command was typed', () => {
  it('the workspace script (pnpm cloudroute) reads paths from INIT_CWD', () => {
    const r = bin(['validate', 'lesson-1-bgp-default-route.yaml'], {
      npm_lifecycle_event: 'cloudroute',
      INIT_CWD: SCENARIOS,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'lesson-1-bgp-default-route.yaml: ok (2 networks, 4 flow groups, 4 timeline events)\n',
    );
    expect(r.status).toBe(0);
  });

  it('another script (a test under pnpm test) keeps its own folder', () => {
    const r = bin(['validate', 'scenarios/lesson-1-bgp-default-route.yaml'], {
      npm_lifecycle_event: 'test',
      INIT_CWD: SCENARIOS,
    });
    expect(r.status).toBe(0);
  });

  it('a missing file shows the path as resolved', () => {
    const r = bin(['validate', 'lesson-1-bgp-default-route.yaml'], {});
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `lesson-1-bgp-default-route.yaml: cannot read the scenario (no such file: ${join(ROOT, 'lesson-1-bgp-default-route.yaml')}) — check the path\n`,
    );
  });

  it('`npx -y pnpm@10 cloudroute` from scenarios/: relative paths work, stdout is only the JSON', () => {
    const base = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => k !== 'INIT_CWD' && !k.startsWith('npm_')),
    );
    const r = spawnSync(
      'npx',
      [
        '-y',
        'pnpm@10',
        'cloudroute',
        'routes',
        'lesson-1-bgp-default-route.yaml',
        '--subnet',
        'hub/web',
        '--json',
      ],
      { cwd: SCENARIOS, env: { ...base, NO_COLOR: '1' }, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { subnet: string }).subnet).toBe('hub/web');
  });
});

describe('no arguments', () => {
  it('the binary prints the help on stderr and exits 2', () => {
    const r = bin([], {});
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: cloudroute/);
  });
});
