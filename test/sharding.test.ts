/**
 * Byte-identical output for any number of workers and shards (DESIGN.md "Contracts"): every shard
 * runs as its own process of the built CLI, `merge` combines the parts, and the result equals the
 * unsharded run byte for byte.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const bin = join(import.meta.dirname, '..', 'packages', 'cli', 'dist', 'bin.js');

function cloudroute(args: readonly string[]): string {
  return execFileSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
}

function sharded(args: readonly string[], n: number): string {
  const dir = tempDir();
  const parts: string[] = [];
  for (let k = 0; k < n; k++) {
    const file = join(dir, `part-${k}.json`);
    writeFileSync(file, cloudroute([...args, '--json', '--shard', `${k}/${n}`, '--workers', '1']));
    parts.push(file);
  }
  return cloudroute(['merge', ...parts, '--json']);
}

const jobs: readonly (readonly string[])[] = [
  ['run', 'scenarios/lesson-1-bgp-default-route.yaml'],
  ['run', 'scenarios/lesson-5-vpn-gateway-recreate.yaml'],
  ['diff', 'scenarios/lesson-1-no-advert.yaml', 'scenarios/lesson-1-bgp-default-route.yaml'],
  ['chaos', 'scenarios/chaos-tunnel-flaps.yaml', '--runs', '8'],
];

describe('sharded and merged output equals the unsharded output', () => {
  for (const job of jobs) {
    it(`${job.join(' ')}: N = 1, 2, 3, 7 and workers 1 vs 2`, () => {
      const whole = cloudroute([...job, '--json', '--workers', '1']);
      expect(cloudroute([...job, '--json', '--workers', '2'])).toBe(whole);
      for (const n of [1, 2, 3, 7]) expect(sharded(job, n)).toBe(whole);
    });
  }

  it('merge refuses missing, repeated and foreign parts (exit 2)', () => {
    const dir = tempDir();
    const part = (args: readonly string[], k: number, n: number): string => {
      const file = join(dir, `${args[1]!.replace(/\W/g, '_')}-${k}-${n}.json`);
      writeFileSync(file, cloudroute([...args, '--json', '--shard', `${k}/${n}`]));
      return file;
    };
    const a0 = part(jobs[0]!, 0, 3);
    const a1 = part(jobs[0]!, 1, 3);
    const b2 = part(jobs[1]!, 2, 3);
    const merge = (files: string[]): { status: number | null; stderr: string } => {
      const r = spawnSync(process.execPath, [bin, 'merge', ...files, '--json'], { encoding: 'utf8' });
      return { status: r.status, stderr: r.stderr };
    };
    expect(merge([a0, a1])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('missing shard 2/3'),
    });
    expect(merge([a0, a1, a1])).toMatchObject({ status: 2, stderr: expect.stringContaining('repeated') });
    expect(merge([a0, a1, b2])).toMatchObject({ status: 2, stderr: expect.stringContaining('another job') });
  });
});
