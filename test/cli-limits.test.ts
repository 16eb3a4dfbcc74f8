/**
 * Issue 18: a CLI that holds up under bad input and limits. Inputs that are not regular files,
 * files past the size limit, scenarios past the flow-group / flow / timeline limits and options
 * past their bounds are bad input (exit 2, the path or option and what to do, never a stack
 * trace); garbage is never echoed back in full; invalid UTF-8 and duplicate peerings are refused
 * with file:line:column.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeFileSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

const lesson1 = readFileSync('scenarios/lesson-1-bgp-default-route.yaml', 'utf8');
const chaosFile = 'scenarios/chaos-tunnel-flaps.yaml';

function expectBadInput(r: { code: number; stdout: string; stderr: string }, match: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(match);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

/** A scenario of lesson 1's network with `flows` and `timeline` lines replaced. */
function scenario(flows: string, timeline = ''): string {
  const head = lesson1.slice(0, lesson1.indexOf('flows:'));
  return `${head}flows:\n${flows}timeline:\n${timeline || '  []\n'}`.replace(
    'timeline:\n  []\n',
    'timeline: []\n',
  );
}

describe('inputs that are not regular files (exit 2, the path, what to give instead)', () => {
  it('a character device is refused before it is read', async () => {
    for (const argv of [
      ['validate', '/dev/zero'],
      ['run', '/dev/zero'],
      ['import', 'aws', '/dev/zero'],
    ]) {
      const r = await cli(argv);
      expectBadInput(r, /\/dev\/zero: a character device, not a file — give the path of a/);
    }
  });

  it('a folder names the folder and asks for a file in it', async () => {
    expectBadInput(
      await cli(['validate', 'scenarios']),
      /^scenarios: a folder, not a file — give the path of a scenario file in it/,
    );
  });

  it('a named pipe is refused without blocking on it', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    expectBadInput(await cli(['validate', fifo]), /a pipe, not a file/);
  });

  it('a file past the size limit (40 MiB) is refused from its size, unread', async () => {
    const file = join(tempDir(), 'huge.yaml');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 40 * 1024 * 1024 + 1); // sparse: no disk used
    closeSync(fd);
    expectBadInput(await cli(['validate', file]), /40\.0 MiB — input files are limited to 40 MiB/);
  });

  it('a missing file shows the path it was looked for at', async () => {
    const r = await cli(['validate', 'no-such-dir/x.yaml']);
    expectBadInput(
      r,
      /no-such-dir\/x\.yaml: cannot read the scenario \(no such file: \/.*no-such-dir\/x\.yaml\)/,
    );
  });
});

describe('scenario size limits (exit 2 with the limit)', () => {
  it('more than 4,600,000 YAML values, counted before parsing', async () => {
    const text = `name: x\nflows: [${'1,'.repeat(4_600_000)}1]\n`;
    const r = await cli(['validate', 'dense.yaml'], { files: { 'dense.yaml': text } });
    expectBadInput(
      r,
      /^dense\.yaml:1:1: about 4,600,005 YAML values — a scenario file holds at most 4,600,000/,
    );
  });

  it('more than 10,000 flow groups', async () => {
    const flows = Array.from(
      { length: 10_001 },
      (_, i) => `  - { name: g${i}, from: hub/web, to: dc1, count: 1 }\n`,
    );
    const r = await cli(['validate', 'big.yaml'], { files: { 'big.yaml': scenario(flows.join('')) } });
    expectBadInput(r, /^big\.yaml:\d+:1: 10,001 flow groups — at most 10,000; merge groups/m);
  });

  it('more than 100,000,000 flows over all groups (each group within its own limit)', async () => {
    const flows =
      '  - { name: a, from: hub/web, to: dc1, count: 60000000 }\n  - { name: b, from: hub/web, to: dc1, count: 60000000 }\n';
    const r = await cli(['run', 'big.yaml'], { files: { 'big.yaml': scenario(flows) } });
    expectBadInput(r, /120,000,000 flows in all groups — at most 100,000,000/);
  });

  it('flow groups × timeline moments past 2,000,000', async () => {
    const flows = Array.from(
      { length: 1000 },
      (_, i) => `  - { name: g${i}, from: hub/web, to: dc1, count: 1 }\n`,
    );
    const timeline = `  [${Array.from({ length: 2000 }, (_, i) => `{ at: ${i + 1}s, do: bgp.withdraw, site: dc1, prefixes: [10.9.0.0/16] }`).join(', ')}]\n`;
    const text = scenario(flows.join(''), '').replace('timeline: []\n', `timeline:\n${timeline}`);
    const r = await cli(['validate', 'big.yaml'], { files: { 'big.yaml': text } });
    expectBadInput(r, /1,000 flow groups × 2,001 timeline moments = 2,001,000 — at most 2,000,000/);
  });
});

describe('option bounds', () => {
  it('--seed past the largest seed names the bound, which the file accepts too', async () => {
    const r = await cli([
      'run',
      'scenarios/lesson-1-bgp-default-route.yaml',
      '--seed',
      '99999999999999999999',
    ]);
    expectBadInput(
      r,
      /^--seed 99999999999999999999: expected a whole number from 0 to 9,007,199,254,740,991/,
    );
    const inFile = (seed: string): string => lesson1.replace('seed: 42', `seed: ${seed}`);
    expect(
      (await cli(['validate', 'a.yaml'], { files: { 'a.yaml': inFile('9007199254740991') } })).code,
    ).toBe(0);
    expect(
      (await cli(['validate', 'a.yaml'], { files: { 'a.yaml': inFile('9007199254740992') } })).code,
    ).toBe(2);
    const atMax = await cli(['diff', 'a.yaml', 'a.yaml', '--seed', '9007199254740991', '--json'], {
      files: { 'a.yaml': lesson1 },
    });
    expect(atMax.code).toBe(0);
  });

  it('chaos --runs is capped like the chaos block (100,000)', async () => {
    expectBadInput(
      await cli(['chaos', chaosFile, '--runs', '1000000000']),
      /^--runs 1000000000: expected a whole number from 1 to 100,000/,
    );
    expectBadInput(await cli(['chaos', chaosFile, '--runs', '100001']), /from 1 to 100,000/);
  });

  it('--workers above the cores is capped to them with a note; above 1024 refused', async () => {
    const r = await cli(['run', 'scenarios/lesson-1-bgp-default-route.yaml', '--workers', '1000', '--json'], {
      cpus: 2,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'note: --workers 1000: this machine has 2 cores; using 2 (output is identical for any number)\n',
    );
    const one = await cli(['run', 'scenarios/lesson-1-bgp-default-route.yaml', '--workers', '1', '--json']);
    expect(r.stdout).toBe(one.stdout);
    expectBadInput(
      await cli(['run', 'scenarios/lesson-1-bgp-default-route.yaml', '--workers', '1025']),
      /^--workers 1025: expected a whole number from 1 to 1,024/,
    );
  });

  it('--shard N is at most 100,000', async () => {
    const r = await cli([
      'run',
      'scenarios/lesson-4-virtual-router.yaml',
      '--shard',
      '0/99999999999999999999',
    ]);
    expectBadInput(r, /^--shard 0\/99999999999999999999: expected K\/N with 0 ≤ K < N ≤ 100,000/);
  });

  it('an option value is quoted in at most 80 characters', async () => {
    const r = await cli(['run', 'scenarios/lesson-1-bgp-default-route.yaml', '--seed', '9'.repeat(100_000)]);
    expectBadInput(r, /^--seed 9{79}…: expected/);
    expect(r.stderr.length).toBeLessThan(300);
  });
});

describe('garbage is not echoed back', () => {
  it('a huge value is quoted in at most 80 characters', async () => {
    const junk = randomBytes(300_000).toString('base64');
    for (const text of [
      `name: x\nhorizon: ${junk}\n`,
      `name: x\nflows: [{ name: a, from: ${junk}, to: internet, count: 1 }]\n`,
    ]) {
      const r = await cli(['validate', 'junk.yaml'], { files: { 'junk.yaml': text } });
      expect(r.code).toBe(2);
      for (const line of r.stderr.trim().split('\n')) expect(line.length).toBeLessThan(400);
      expect(r.stderr).toMatch(/`[A-Za-z0-9+/]{79}…`/);
    }
  });

  it('one MB of random bytes gives short lines (exit 2)', async () => {
    const file = join(tempDir(), 'random.yaml');
    writeFileSync(file, randomBytes(1_000_000));
    const r = await cli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.length).toBeLessThan(2_000);
  });

  it('invalid UTF-8 is refused with its line and column', async () => {
    const file = join(tempDir(), 'latin1.yaml');
    const bytes = Buffer.from(lesson1.replace('name: hub\n', 'name: h\u00fcb\n'), 'latin1');
    writeFileSync(file, bytes);
    const r = await cli(['validate', file]);
    const line = lesson1.slice(0, lesson1.indexOf('name: hub\n')).split('\n').length;
    expectBadInput(
      r,
      new RegExp(`^${file}:${line}:12: bytes that are not UTF-8 text here — save the file as UTF-8`),
    );
  });
});

describe('topology', () => {
  it('a duplicate peering (either order) is refused with file:line:column', async () => {
    const text = `name: peers
networks:
  - { name: a, provider: azure, cidrs: [10.1.0.0/16], subnets: [{ name: s, cidr: 10.1.0.0/24 }] }
  - { name: b, provider: azure, cidrs: [10.2.0.0/16], subnets: [{ name: s, cidr: 10.2.0.0/24 }] }
peerings:
  - { between: [a, b] }
  - { between: [b, a] }
`;
    const r = await cli(['validate', 'peers.yaml'], { files: { 'peers.yaml': text } });
    expectBadInput(
      r,
      /^peers\.yaml:7:16: b and a are already peered \(peerings\[0\], line 6\) — two networks peer once; remove this peering/,
    );
    const once = await cli(['validate', 'peers.yaml'], {
      files: { 'peers.yaml': text.replace('  - { between: [b, a] }\n', '') },
    });
    expect(once.code).toBe(0);
  });
});

describe('no arguments', () => {
  it('prints the help on stderr and exits 2', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: cloudroute \[options\] \[command\]/);
    expect(r.stderr).toMatch(/validate <scenario>/);
  });
});
