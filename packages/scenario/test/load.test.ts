import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as model from '@cloudroute/model';
import type { Diagnostic, Topology } from '@cloudroute/model';

type ModelModule = typeof model;
import { formatProblem, loadScenario, locate } from '../src/index.js';
import { example } from './helpers.js';

const diagnostics = vi.hoisted(() => ({ next: [] as readonly Diagnostic[] | Error, seen: [] as Topology[] }));

vi.mock('@cloudroute/model', async (importOriginal) => {
  const original = await importOriginal<ModelModule>();
  return {
    ...original,
    validateTopology: (topology: Topology): readonly Diagnostic[] => {
      diagnostics.seen.push(topology);
      if (diagnostics.next instanceof Error) throw diagnostics.next;
      return diagnostics.next;
    },
  };
});

afterEach(() => {
  diagnostics.next = [];
  diagnostics.seen = [];
});

describe("the model's provider rules", () => {
  it('are asked about the validated topology, and their paths become lines and columns', () => {
    diagnostics.next = [
      {
        severity: 'error',
        code: 'AWS-R4',
        message: 'a route more specific than local must be a whole subnet — point it at a subnet CIDR',
        path: ['networks', 0, 'routeTables', 1, 'routes', 1],
      },
      {
        severity: 'warning',
        code: 'AZ-R6',
        message: 'no NIC has 10.9.9.9 — traffic to it is dropped',
        path: ['networks', 0, 'hosts', 2],
      },
      {
        severity: 'warning',
        code: 'X-R1',
        message: 'a path that is not there falls back to its nearest ancestor',
        path: ['networks', 0, 'nothing', 7],
      },
    ];
    const r = loadScenario(example('aws-vpc'), 'aws-vpc.yaml');
    expect(diagnostics.seen).toHaveLength(1);
    expect(diagnostics.seen[0]!.networks[0]!.cidrs).toEqual(['172.20.0.0/16']);
    expect(r.scenario).toBeUndefined();
    expect(r.problems.map(formatProblem)).toEqual([
      'aws-vpc.yaml:21:13: a route more specific than local must be a whole subnet — point it at a subnet CIDR [AWS-R4]',
    ]);
    expect(r.warnings.map(formatProblem)).toEqual([
      'aws-vpc.yaml:6:5: warning: a path that is not there falls back to its nearest ancestor [X-R1]',
      'aws-vpc.yaml:27:9: warning: no NIC has 10.9.9.9 — traffic to it is dropped [AZ-R6]',
    ]);
  });

  it('are not asked when the file has errors of its own', () => {
    loadScenario(example('aws-vpc').replace('seed: 2', 'seed: -2'), 'f.yaml');
    expect(diagnostics.seen).toHaveLength(0);
  });

  it('give warnings that leave the scenario usable', () => {
    diagnostics.next = [{ severity: 'warning', code: 'AZ-R6', message: 'w — x', path: ['networks', 0] }];
    const r = loadScenario(example('azure-hub'), 'f.yaml');
    expect(r.scenario).toBeDefined();
    expect(r.warnings).toHaveLength(1);
  });

  it('failing with an exception is a located problem, not a crash', () => {
    diagnostics.next = new Error('boom');
    const r = loadScenario(example('aws-vpc'), 'f.yaml');
    expect(r.problems.map((p) => [p.line, p.column, p.code])).toEqual([[1, 1, 'internal-error']]);
  });
});

describe('the source map', () => {
  const text = `name: s
horizon: 2h
networks:
  - { name: n, provider: azure, cidrs: [10.0.0.0/16], subnets: [ { name: a, cidr: 10.0.1.0/24 } ] }
timeline:
  - { at: 30m, do: subnet.update, subnet: n/a, set: { defaultOutboundAccess: false } }
  - { at: 10m, do: subnet.update, subnet: n/a, set: { defaultOutboundAccess: true } }
  - { at: 30m, do: network.update, network: n, set: { cidrs: [10.0.0.0/16, 10.1.0.0/16] } }
  - { at: 0s, do: subnet.update, subnet: n/a, set: { defaultOutboundAccess: true } }
`;

  it('sorts the timeline stably by `at` and maps sorted indexes back to the file', () => {
    const s = loadScenario(text, 's.yaml').scenario!;
    expect(s.timeline.map((a) => [a.at, a.do])).toEqual([
      [0, 'subnet.update'],
      [600, 'subnet.update'],
      [1800, 'subnet.update'],
      [1800, 'network.update'],
    ]);
    expect([0, 1, 2, 3].map((i) => locate(s, ['timeline', i]).line)).toEqual([9, 7, 6, 8]);
    expect(locate(s, ['timeline', 3, 'set', 'cidrs', 1])).toEqual({ file: 's.yaml', line: 8, column: 76 });
    expect(locate(s, ['networks', 0, 'subnets', 0, 'cidr'])).toEqual({ file: 's.yaml', line: 4, column: 83 });
    expect(locate(s, ['nowhere'])).toEqual({ file: 's.yaml', line: 1, column: 1 });
  });
});
