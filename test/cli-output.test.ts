/**
 * A CLI that holds up in scripts (issue 18): output paths checked before any work and a late
 * write failure that loses nothing printed; a reader that closes early ends the output quietly;
 * `merge` refuses edited, foreign and truncated part files (exit 2, the file and the place); a
 * `diff` of scenarios without a common flow group says so. Real files and pipes go through the
 * built binary (`pnpm typecheck` builds it), the rest through the CLI in this process.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '@cloudroute/cli';
import { cli, tempDir } from './helpers.js';

const bin = join(import.meta.dirname, '..', 'packages', 'cli', 'dist', 'bin.js');
const lesson1 = 'scenarios/lesson-1-bgp-default-route.yaml';
const noAdvert = 'scenarios/lesson-1-no-advert.yaml';
const chaos = 'scenarios/chaos-tunnel-flaps.yaml';

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cloudroute(args: readonly string[]): Ran {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `cloudroute <args> | <reader>` in bash with pipefail: the status is the CLI's (or the reader's). */
function piped(args: readonly string[], reader: string): Ran {
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const line = `set -o pipefail; ${[process.execPath, bin, ...args].map(quote).join(' ')} | ${reader} > /dev/null`;
  const r = spawnSync('bash', ['-c', line], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** No trace of a crash in a message. */
function expectNoStack(text: string): void {
  expect(text).not.toMatch(/internal error|\n\s+at |node:internal|EPIPE|Error:/);
}

describe('output paths are checked before any work (exit 2, the path and what to fix)', () => {
  const dir = tempDir();
  const missing = join(dir, 'missing', 'dir', 'r.html');

  for (const args of [
    ['run', lesson1],
    ['diff', noAdvert, lesson1],
    ['chaos', chaos, '--runs', '2'],
  ]) {
    it(`${args[0]} --out into a missing folder`, () => {
      const r = cloudroute([...args, '--out', missing]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `--out ${missing}: the folder ${join(dir, 'missing', 'dir')} does not exist — create it (mkdir -p ${join(dir, 'missing', 'dir')}) or choose another path\n`,
      );
    });
  }

  it('run --out naming a folder', () => {
    const r = cloudroute(['run', lesson1, '--out', dir]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`--out ${dir}: is a folder — name a file in it`);
    expectNoStack(r.stderr);
  });

  it('before any work: the scenario is not even read', () => {
    const r = cloudroute(['run', join(dir, 'no-such-scenario.yaml'), '--out', missing]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^--out .*does not exist/);
  });

  it('merge --out and import -o into a missing folder', () => {
    const part = join(dir, 'part.json');
    writeFileSync(part, cloudroute(['run', lesson1, '--shard', '0/1']).stdout);
    const m = cloudroute(['merge', part, '--out', missing]);
    expect(m.status).toBe(2);
    expect(m.stdout).toBe('');
    expect(m.stderr).toMatch(/^--out .*r\.html: the folder .* does not exist/);
    const out = join(dir, 'missing', 'x.yaml');
    const i = cloudroute(['import', 'aws', 'packages/import/test/fixtures/aws-multi-account', '-o', out]);
    expect(i.status).toBe(2);
    expect(i.stdout).toBe('');
    expect(i.stderr).toBe(
      `-o ${out}: the folder ${join(dir, 'missing')} does not exist — create it (mkdir -p ${join(dir, 'missing')}) or choose another path\n`,
    );
  });

  it('a good path still gets its report, after the printed result', () => {
    mkdirSync(join(dir, 'ok'));
    const out = join(dir, 'ok', 'r.html');
    const r = cloudroute(['run', lesson1, '--json', '--out', out]);
    expect(r.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<h1 id="scenario-name">lesson-1-bgp-default-route</h1>');
  });
});

describe('a write that fails late loses nothing printed', () => {
  /** The CLI with a file system whose writes fail with `code` (a disk that filled during the run). */
  async function failingWrites(
    argv: readonly string[],
    code: string,
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const io: Io = {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      readFile: (p) => readFileSync(p, 'utf8'),
      writeFile: () => {
        throw Object.assign(new Error(`${code}: failed, write`), { code });
      },
      env: { NO_COLOR: '1' },
      isTTY: false,
      cpus: 1,
      checkOutput: () => undefined,
    };
    return { code: await main(argv, io), stdout, stderr };
  }

  it('run --json --out: the result is printed in full, then exit 2 naming the path', async () => {
    const whole = await cli(['run', lesson1, '--json']);
    const r = await failingWrites(['run', lesson1, '--json', '--out', 'r.html'], 'ENOSPC');
    expect(r.stdout).toBe(whole.stdout);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      '--out r.html: cannot write the report (no space left on the device) — fix the path and run again\n',
    );
  });

  it('diff, chaos and merge the same; import -o names -o', async () => {
    const part = join(tempDir(), 'part.json');
    writeFileSync(part, (await cli(['run', lesson1, '--shard', '0/1'])).stdout);
    for (const argv of [
      ['diff', noAdvert, lesson1, '--out', 'r.html'],
      ['merge', part, '--out', 'r.html'],
      ['chaos', chaos, '--runs', '2', '--out', 'r.html'],
    ]) {
      const r = await failingWrites(argv, 'ENOENT');
      expect(r.stdout).toMatch(/azure-web-internet|app-branch/);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        '--out r.html: cannot write the report (its folder does not exist) — fix the path and run again\n',
      );
    }
    const i = await failingWrites(
      ['import', 'aws', 'packages/import/test/fixtures/aws-multi-account', '-o', 'x.yaml'],
      'EACCES',
    );
    expect(i.code).toBe(2);
    expect(i.stderr).toContain('-o x.yaml: cannot write the scenario (permission denied)');
    expectNoStack(i.stderr);
  });
});

describe('a reader that closes early ends the output quietly', () => {
  it('cloudroute schema | head -1', () => {
    // The schema is larger than a pipe's buffer, so the write meets the closed reader.
    expect(cloudroute(['schema']).stdout.length).toBeGreaterThan(80 * 1024);
    const r = piped(['schema'], 'head -1');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('cloudroute run … --json | head -c1 (a result larger than the pipe)', () => {
    // 600 flow groups make a result of about 300 KB.
    const text = readFileSync(lesson1, 'utf8');
    const groups = Array.from(
      { length: 600 },
      (_, k) => `  - { name: g${k}, from: hub/web, to: internet, count: 1 }\n`,
    ).join('');
    const file = join(tempDir(), 'many-groups.yaml');
    writeFileSync(
      file,
      text.slice(0, text.indexOf('flows:\n')) +
        `flows:\n${groups}` +
        text.slice(text.indexOf('timeline:\n'), text.indexOf('expect:\n')),
    );
    const r = piped(['run', file, '--json'], 'head -c1');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('stdout that cannot be written for another reason', () => {
  it('a full disk behind stdout: said once on stderr, exit 2', () => {
    const r = spawnSync(
      'bash',
      ['-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} schema > /dev/full`],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'cloudroute: cannot write the output (ENOSPC: no space left on device, write) — check where stdout goes\n',
    );
  });
});

describe('merge checks its part files', () => {
  async function parts(): Promise<Record<string, string>> {
    const files: Record<string, string> = {};
    for (let k = 0; k < 2; k++)
      files[`part-${k}.json`] = (await cli(['run', lesson1, '--shard', `${k}/2`])).stdout;
    return files;
  }

  it('a hand-edited part: refused naming the file, with how to regenerate it (no NaN%)', async () => {
    const files = await parts();
    const doc = JSON.parse(files['part-1.json']!) as { payload: { counts: number[][] } };
    doc.payload.counts[0]![0]! += 5;
    const edits: readonly string[] = [
      JSON.stringify(doc, null, 2),
      files['part-1.json']!.replace(/"counts": \[\s*\[\s*\d+/, '"counts": [["many"'),
      files['part-1.json']!.replace('"description": "', '"description": "Edited. '),
    ];
    for (const edited of edits) {
      expect(edited).not.toBe(files['part-1.json']);
      const m = await cli(['merge', 'part-0.json', 'part-1.json'], {
        files: { ...files, 'part-1.json': edited },
      });
      expect(m.code).toBe(2);
      expect(m.stdout).toBe('');
      expect(m.stderr).toMatch(
        /^part-1\.json: the part does not match its checksum .* regenerate it with `cloudroute run … --shard 1\/2`\n$/,
      );
    }
    const ok = await cli(['merge', 'part-0.json', 'part-1.json'], { files });
    expect(ok.code).toBe(0);
    expect(ok.stdout).not.toContain('NaN');
  });

  it('a JSON document that is not a part: the file and the JSON path', async () => {
    const files = await parts();
    const cases: readonly [string, RegExp][] = [
      ['{"hello": 1}', /^x\.json: \$\.cloudroute: expected "part", got nothing/],
      ['[1, 2]', /^x\.json: \$: expected a part document \(an object\), got an array/],
      [files['part-1.json']!.replace(/"shard": \{[^}]*\},/, ''), /^x\.json: \$\.shard: missing/],
      [
        files['part-1.json']!.replace(/,\s*"checksum": "[0-9a-f]+"/, ''),
        /^x\.json: \$\.checksum: missing \(a part made by an earlier version of cloudroute\?\)/,
      ],
      [
        files['part-1.json']!.replace('"command": "run"', '"command": "walk"'),
        /^x\.json: \$\.command: expected "run" or "diff" or "chaos", got "walk"/,
      ],
      [
        files['part-1.json']!.replace(/"k": 1/, '"k": 4'),
        /^x\.json: \$\.shard: expected 0 ≤ k < n, got 4\/2/,
      ],
    ];
    for (const [text, message] of cases) {
      const m = await cli(['merge', 'part-0.json', 'x.json'], { files: { ...files, 'x.json': text } });
      expect(m.code, text.slice(0, 60)).toBe(2);
      expect(m.stderr).toMatch(message);
      expect(m.stderr).toContain('--shard K/N');
    }
  });

  it('a truncated or empty file: the file, line and column, and what to do', async () => {
    const files = await parts();
    const text = files['part-1.json']!;
    const cut = text.slice(0, Math.floor(text.length / 2));
    const lines = cut.split('\n');
    const m = await cli(['merge', 'part-0.json', 'part-1.json'], { files: { ...files, 'part-1.json': cut } });
    expect(m.code).toBe(2);
    expect(m.stderr).toBe(
      `part-1.json:${lines.length}:${lines[lines.length - 1]!.length + 1}: the JSON ends early (a truncated file?) — regenerate the part; pass the JSON printed by \`cloudroute run|diff|chaos … --shard K/N\`\n`,
    );
    const e = await cli(['merge', 'part-0.json', 'part-1.json'], { files: { ...files, 'part-1.json': '' } });
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/^part-1\.json: the file is empty/);
  });
});

describe('diff of scenarios that share no flow group', () => {
  const renamed = readFileSync(lesson1, 'utf8').replace(/(name|flows): (azure|aws)-web-/g, '$1: other-$2-');

  it('warns on stderr naming the groups of each side, exit 0, and keeps the JSON shape', async () => {
    const r = await cli(['diff', noAdvert, 'b.yaml', '--json'], { files: { 'b.yaml': renamed } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `warning: ${noAdvert} and b.yaml share no flow group, so no flow is compared: diff compares the groups of the same name (A: azure-web-internet, azure-web-dc1, aws-web-internet, aws-web-dc2; B: other-azure-internet, other-azure-dc1, other-aws-internet, other-aws-dc2) — give the groups the same names in both files\n`,
    );
    const d = JSON.parse(r.stdout) as {
      groups: { name: string; a: unknown; b: unknown; changedFlows: number }[];
    };
    expect(d.groups).toHaveLength(8);
    for (const g of d.groups) {
      expect(Object.keys(g)).toEqual(['name', 'a', 'b', 'changedFlows']);
      expect((g.a === null) !== (g.b === null)).toBe(true);
    }
  });

  it('merge of such a diff warns the same way', async () => {
    const files: Record<string, string> = { 'b.yaml': renamed };
    for (let k = 0; k < 2; k++)
      files[`d${k}.json`] = (await cli(['diff', noAdvert, 'b.yaml', '--shard', `${k}/2`], { files })).stdout;
    const m = await cli(['merge', 'd0.json', 'd1.json'], { files });
    expect(m.code).toBe(0);
    expect(m.stderr).toMatch(
      /^warning: lesson-1-no-advert and lesson-1-bgp-default-route share no flow group/,
    );
  });

  it('no warning when one group is shared', async () => {
    const one = renamed.replace(/other-azure-dc1/g, 'azure-web-dc1');
    const r = await cli(['diff', noAdvert, 'b.yaml', '--json'], { files: { 'b.yaml': one } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
