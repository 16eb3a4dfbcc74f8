/**
 * Golden `routes` and `trace` outputs for every scenario in scenarios/: each subnet's effective
 * routes at the start and after the last timeline event, a trace of every flow group at every
 * moment the timeline changes something, and traces from every site into every subnet (traffic from
 * on-premises) at those moments.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatIpv4, parseIpv4, tryParsePrefix } from '@cloudroute/lpm';
import { loadScenario, type Scenario } from '@cloudroute/scenario';
import { goldenIn } from '../packages/import/test/helpers.js';
import { cli, golden } from './helpers.js';

const files = readdirSync(new URL('../scenarios/', import.meta.url))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

function seconds(s: number): string {
  return `${s}s`;
}

/** A concrete destination for a flow group's `to`. */
function destination(sc: Scenario, to: string): string {
  if (to === 'internet') return '8.8.8.8';
  const site = sc.topology.sites.find((s) => s.name === to);
  const prefix = site ? site.cidrs[0]! : to;
  const p = tryParsePrefix(prefix, { allowHost: true });
  if (!p.ok || p.prefix.family !== 4) return prefix;
  return p.prefix.length >= 31 ? formatIpv4(p.prefix.network) : formatIpv4(p.prefix.network + 10);
}

describe('golden routes and traces', () => {
  for (const file of files) {
    it(file, async () => {
      const path = `scenarios/${file}`;
      const { scenario } = loadScenario(readFileSync(path, 'utf8'), path);
      expect(scenario).toBeDefined();
      const sc = scenario!;
      const times = [...new Set([0, ...sc.timeline.map((a) => a.at)])].sort((a, b) => a - b);
      const last = times[times.length - 1]!;
      const out: Record<string, unknown> = { routes: {}, traces: {} };
      for (const net of sc.topology.networks) {
        for (const s of net.subnets) {
          for (const at of [...new Set([0, last])]) {
            const r = await cli([
              'routes',
              path,
              '--subnet',
              `${net.name}/${s.name}`,
              '--at',
              seconds(at),
              '--json',
            ]);
            expect(r.code).toBe(0);
            (out['routes'] as Record<string, unknown>)[`${net.name}/${s.name}@${at}`] = JSON.parse(r.stdout);
          }
        }
      }
      for (const g of sc.flows) {
        const to = destination(sc, g.to);
        if (parseIpv4(to) === undefined) continue;
        for (const at of times) {
          // The group's packet (FILTERS.md "Flows"): its protocol and first port, when given.
          const packet = [
            ...(g.protocol ? ['--protocol', g.protocol] : []),
            ...(g.port ? ['--port', String(g.port.lo)] : []),
          ];
          const r = await cli([
            'trace',
            path,
            '--from',
            g.from,
            '--to',
            to,
            '--at',
            seconds(at),
            ...packet,
            '--json',
          ]);
          expect(r.code).toBe(0);
          (out['traces'] as Record<string, unknown>)[`${g.name}@${at}`] = JSON.parse(r.stdout);
        }
      }
      // Traffic from on-premises: from each site into every subnet, at every moment.
      for (const site of sc.topology.sites) {
        for (const net of sc.topology.networks) {
          for (const s of net.subnets) {
            const to = destination(sc, s.cidr);
            if (parseIpv4(to) === undefined) continue;
            for (const at of times) {
              const r = await cli([
                'trace',
                path,
                '--from',
                site.name,
                '--to',
                to,
                '--at',
                seconds(at),
                '--json',
              ]);
              expect(r.code).toBe(0);
              (out['traces'] as Record<string, unknown>)[`site:${site.name}->${net.name}/${s.name}@${at}`] =
                JSON.parse(r.stdout);
            }
          }
        }
      }
      const text = `${JSON.stringify(out, null, 1)}\n`;
      expect(text).toBe(golden(file.replace(/\.yaml$/, '.views.json'), text));
    });
  }
});

describe('golden files', () => {
  afterEach(() => void vi.unstubAllEnvs());

  it('a missing golden fails, saying how to create it (UPDATE_GOLDENS=1), and is not written', () => {
    vi.stubEnv('UPDATE_GOLDENS', '');
    const dir = mkdtempSync(join(tmpdir(), 'cloudroute-golden-'));
    expect(() => goldenIn(dir, 'gone.views.json', '{}\n')).toThrow(
      /gone\.views\.json is missing — create it with UPDATE_GOLDENS=1/,
    );
    expect(existsSync(join(dir, 'gone.views.json'))).toBe(false);
  });

  it('UPDATE_GOLDENS=1 writes the golden; without it the file is compared, not rewritten', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudroute-golden-'));
    vi.stubEnv('UPDATE_GOLDENS', '1');
    expect(goldenIn(dir, 'a.json', 'one')).toBe('one');
    vi.stubEnv('UPDATE_GOLDENS', '');
    expect(goldenIn(dir, 'a.json', 'two')).toBe('one');
  });
});
