/**
 * Sharding and merge defects (issue 13): a sharded `diff` equals the unsharded one whatever the
 * groups' counts on each side; `--out` with `--shard` is refused; the report written by
 * `merge --out` equals the report of the unsharded command byte for byte.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario, type Scenario } from '@cloudroute/scenario';
import { diffJob, mergeParts, type DiffResult, type PartDocument } from '@cloudroute/sim';
import { cli } from './helpers.js';

function scenario(file: string): Scenario {
  const r = loadScenario(readFileSync(file, 'utf8'), file);
  if (!r.scenario) throw new Error(`${file} does not load`);
  return r.scenario;
}

const lesson1 = scenario('scenarios/lesson-1-bgp-default-route.yaml');
const noAdvert = scenario('scenarios/lesson-1-no-advert.yaml');

/**
 * A side's groups: per group of the file, absent (null) or its count. The first group draws from
 * 192.168.0.0/15, half the site dc1 and half the internet, so its flows do not all share one
 * outcome history (with the advert of lesson 1, only the internet half is lost): comparing flow i
 * of one side with another flow of the other side shows.
 */
function withCounts(sc: Scenario, counts: readonly (number | null)[]): Scenario {
  return {
    ...sc,
    flows: sc.flows.flatMap((f, i) =>
      counts[i] === null ? [] : [{ ...f, count: counts[i]!, ...(i === 0 ? { to: '192.168.0.0/15' } : {}) }],
    ),
  };
}

/** A part as `merge` reads it: through JSON, as the shard's process printed it. */
function printed(doc: PartDocument): PartDocument {
  return JSON.parse(JSON.stringify(doc)) as PartDocument;
}

describe('sharded diff equals the unsharded diff (issue 13, item 1)', () => {
  it('for any counts on either side and any number of shards', async () => {
    const groups = lesson1.flows.length;
    const count = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 40 }), weight: 5 }, fc.constant(null));
    await fc.assert(
      fc.asyncProperty(
        fc.array(count, { minLength: groups, maxLength: groups }),
        fc.array(count, { minLength: groups, maxLength: groups }),
        fc.integer({ min: 1, max: 7 }),
        async (ca, cb, n) => {
          const a = withCounts(noAdvert, ca);
          const b = withCounts(lesson1, cb);
          const whole = (await diffJob(a, b, { workers: 1 })) as DiffResult;
          const parts = [];
          for (let k = 0; k < n; k++) {
            const doc = printed((await diffJob(a, b, { workers: 1, shard: { k, n } })) as PartDocument);
            parts.push({ file: `part-${k}.json`, doc });
          }
          expect(JSON.stringify(mergeParts(parts))).toBe(JSON.stringify(whole));
        },
      ),
      { seed: 1313, numRuns: 40 },
    );
  });

  it('a group with more flows on one side: both sides cut by the same flow ranges (the shrunk counterexample)', async () => {
    const a = withCounts(noAdvert, [15, 0, 0, 0]);
    const b = withCounts(lesson1, [28, null, null, 0]);
    const whole = (await diffJob(a, b, { workers: 1 })) as DiffResult;
    const parts = [];
    for (let k = 0; k < 2; k++)
      parts.push({
        file: `p${k}`,
        doc: printed((await diffJob(a, b, { workers: 1, shard: { k, n: 2 } })) as PartDocument),
      });
    expect(mergeParts(parts)).toEqual(whole);
    // The unsharded rule: B's 13 flows beyond A's count changed, plus A's flows whose history differs.
    expect(whole.groups[0]!.changedFlows).toBeGreaterThan(13);
  });
});

describe('--out with --shard (issue 13, item 3)', () => {
  for (const args of [
    ['run', 'scenarios/lesson-1-bgp-default-route.yaml'],
    ['diff', 'scenarios/lesson-1-no-advert.yaml', 'scenarios/lesson-1-bgp-default-route.yaml'],
    ['chaos', 'scenarios/chaos-tunnel-flaps.yaml', '--runs', '2'],
  ]) {
    it(`${args[0]}: refused with exit 2, pointing at merge --out`, async () => {
      const r = await cli([...args, '--shard', '0/2', '--out', 'report.html']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/--out.*--shard/);
      expect(r.stderr).toContain('merge');
      expect(r.stderr).toContain('--out');
      expect(r.files.size).toBe(0);
    });
  }
});

describe('merge --out writes the report of the unsharded command (issue 13, item 4)', () => {
  const jobs: readonly (readonly string[])[] = [
    ['run', 'scenarios/lesson-1-bgp-default-route.yaml'],
    ['run', 'scenarios/lesson-5-vpn-gateway-recreate.yaml'],
    ['diff', 'scenarios/lesson-1-no-advert.yaml', 'scenarios/lesson-1-bgp-default-route.yaml'],
    ['chaos', 'scenarios/chaos-tunnel-flaps.yaml', '--runs', '6'],
  ];
  for (const job of jobs) {
    it(`${job.join(' ')}: byte-equal HTML from 3 parts`, async () => {
      const whole = await cli([...job, '--out', 'whole.html']);
      expect(whole.code, whole.stderr).toBeLessThan(2);
      const parts: Record<string, string> = {};
      for (let k = 0; k < 3; k++) {
        const r = await cli([...job, '--shard', `${k}/3`]);
        expect(r.code, r.stderr).toBe(0);
        parts[`part-${k}.json`] = r.stdout;
      }
      const m = await cli(['merge', ...Object.keys(parts), '--out', 'merged.html'], { files: parts });
      expect(m.code, m.stderr).toBe(whole.code);
      expect(m.stdout).toBe(whole.stdout);
      const html = m.files.get('merged.html');
      expect(html).toBeDefined();
      expect(html).toBe(whole.files.get('whole.html'));
    });
  }
});
