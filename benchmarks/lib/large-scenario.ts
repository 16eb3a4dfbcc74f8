/**
 * Large scenario files for the load benchmark (`benchmarks/load.bench.ts`) and for profiling:
 * a valid GCP network whose one route table holds `routes` custom static routes (GCP keeps one
 * table per network and has no per-table quota in the checks, unlike AWS-R14's 1,000), as YAML
 * (block style, one flow mapping per route, as people write them) or as JSON. A route is written
 * without name and priority, so that 500,000 routes stay within the file's value limit
 * (`MAX_YAML_VALUES`: about 9 values a route) and the CLI's 40 MiB.
 *
 * `node node_modules/tsx/dist/cli.mjs benchmarks/lib/large-scenario.ts 500000 yaml|json > f`
 */
import { argv, stdout } from 'node:process';
import { fileURLToPath } from 'node:url';

/** The i-th route's prefix: distinct /24s above 10/8, outside the subnet's range. */
function prefix(i: number): string {
  return `${11 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.0/24`;
}

const header = {
  name: 'large',
  description: 'A generated GCP network with many custom static routes.',
  seed: 1,
  horizon: '1h',
};

/** The scenario as YAML text. */
export function largeScenarioYaml(routes: number): string {
  const lines = [
    `name: ${header.name}`,
    `description: ${header.description}`,
    `seed: ${header.seed}`,
    `horizon: ${header.horizon}`,
    'networks:',
    '  - name: corp',
    '    provider: gcp',
    '    subnets:',
    '      - { name: app, cidr: 10.20.0.0/24, region: us-central1 }',
    '    hosts:',
    '      - { name: vm1, subnet: app, ip: 10.20.0.10 }',
    '      - { name: fw1, subnet: app, ip: 10.20.0.5, ipForwarding: true }',
    '    routes:',
  ];
  for (let i = 0; i < routes; i++)
    lines.push(`      - { prefix: ${prefix(i)}, nextHop: { type: instance, host: fw1 } }`);
  lines.push('flows:', '  - { name: out, from: corp/vm1, to: 11.0.0.0/8, count: 1000 }');
  return `${lines.join('\n')}\n`;
}

/** The same scenario as JSON text, one route a line (compact enough for 500,000 routes in the CLI's 40 MiB). */
export function largeScenarioJson(routes: number): string {
  const network = {
    name: 'corp',
    provider: 'gcp',
    subnets: [{ name: 'app', cidr: '10.20.0.0/24', region: 'us-central1' }],
    hosts: [
      { name: 'vm1', subnet: 'app', ip: '10.20.0.10' },
      { name: 'fw1', subnet: 'app', ip: '10.20.0.5', ipForwarding: true },
    ],
  };
  const flows = [{ name: 'out', from: 'corp/vm1', to: '11.0.0.0/8', count: 1000 }];
  const lines = [
    '{',
    ...Object.entries(header).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`),
    `  "networks": [`,
    `    ${JSON.stringify(network).slice(0, -1)},`,
    `    "routes": [`,
  ];
  for (let i = 0; i < routes; i++)
    lines.push(
      `{"prefix":"${prefix(i)}","nextHop":{"type":"instance","host":"fw1"}}${i + 1 < routes ? ',' : ''}`,
    );
  lines.push('    ]}', '  ],', `  "flows": ${JSON.stringify(flows)}`, '}');
  return `${lines.join('\n')}\n`;
}

if (argv[1] !== undefined && fileURLToPath(import.meta.url) === argv[1]) {
  const n = Number(argv[2] ?? 500_000);
  stdout.write(argv[3] === 'json' ? largeScenarioJson(n) : largeScenarioYaml(n));
}
