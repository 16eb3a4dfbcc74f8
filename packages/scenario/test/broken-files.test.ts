import { describe, expect, it } from 'vitest';
import { load, edit } from './helpers.js';

/** The part of BASE after its host: a gateway, a route table using it and a timeline deleting it. */
const GATEWAY_PART = `    gateways:
      - { name: gw, kind: igw }
    routeTables:
      - name: rt
        routes:
          - { prefix: 0.0.0.0/0, nextHop: { type: igw, gateway: gw } }
timeline:
  - { at: 10m, do: gateway.delete, gateway: prod/gw }
`;

/** A small valid AWS scenario; the tests break one line of it and assert where the problem is. */
const BASE = `name: t
horizon: 1h
networks:
  - name: prod
    provider: aws
    cidrs: [172.20.0.0/16]
    subnets:
      - { name: app, cidr: 172.20.2.0/24 }
    hosts:
      - { name: api1, subnet: app, ip: 172.20.2.20 }
${GATEWAY_PART}`;

/** The single problem of a file, as `line:column code message`. */
function only(text: string): string {
  const r = load(text);
  expect(r.scenario).toBeUndefined();
  expect(r.problems).toHaveLength(1);
  const p = r.problems[0]!;
  return `${p.line}:${p.column} ${p.code} ${p.message}`;
}

/** [what, text before, text after, the single problem as `line:column code message`] */
type Break = readonly [string, string, string, string];

/** Each case breaks one place of BASE; the file has exactly that one problem. */
const located: Break[] = [
  [
    'an unknown field, with a did-you-mean',
    'cidrs: [172',
    'cidr_blocks: [172',
    '6:5 unknown-field unknown field `cidr_blocks`; did you mean `cidrs`?',
  ],
  [
    'a bad CIDR, with the lpm message',
    'cidr: 172.20.2.0/24',
    'cidr: 172.20.2.0/33',
    '8:28 bad-prefix 172.20.2.0/33: prefix length 33 out of range (0-32) — write a CIDR like `10.1.0.0/16`',
  ],
  [
    'an unknown reference, listing the known ones',
    'gateway: prod/gw',
    'gateway: prod/gateway9',
    '18:45 unknown-reference unknown gateway `prod/gateway9` — known: prod/gw',
  ],
  [
    'a bad duration',
    'at: 10m',
    'at: 10 minutes',
    '18:11 bad-duration `10 minutes` is not a duration — write e.g. `90s`, `10m`, `1h30m`, `2h` or `30d` (units d, h, m, s in that order)',
  ],
  [
    'a code-executing YAML tag',
    'name: t',
    'name: !!js/function "function(){ process.exit(1) }"',
    '1:7 yaml-tag YAML tag `!!js/function` is not allowed — scenario files are data; remove the tag',
  ],
  [
    'a negative time',
    'at: 10m',
    'at: -5m',
    '18:11 bad-duration `-5m` is negative — times are durations from the scenario start',
  ],
];

describe('eight kinds of broken file, each located exactly', () => {
  it('the base file is valid', () => {
    expect(load(BASE).lines).toEqual([]);
  });

  it.each(located)('%s', (_what, from, to, expected) => expect(only(edit(BASE, from, to))).toBe(expected));

  it('a YAML syntax error', () => {
    expect(only(edit(BASE, 'provider: aws', 'provider: aws: x'))).toMatch(
      /^5:15 yaml-syntax YAML syntax error: .* — /,
    );
  });

  it('a subnet outside its network', () => {
    const r = load(edit(BASE, 'cidr: 172.20.2.0/24', 'cidr: 172.21.2.0/24'));
    expect(r.lines[0]).toBe(
      "f.yaml:8:28: subnet 172.21.2.0/24 is outside network prod's cidrs [172.20.0.0/16] — put it inside them or add a cidr",
    );
    expect(r.problems[0]!.code).toBe('subnet-outside-network');
  });
});

describe('every problem of a file at once, by position', () => {
  it('reports the schema, reference and address problems of one file together, sorted', () => {
    let text = edit(BASE, 'cidrs: [172', 'cidr_blocks: [172');
    text = edit(text, 'ip: 172.20.2.20', 'ip: 172.20.2.1');
    text = edit(text, 'gateway: prod/gw', 'gateway: prod/gateway9');
    text = edit(text, 'horizon: 1h', 'horizon: 90');
    const r = load(text);
    expect(r.problems.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual([
      '2:10 bad-duration',
      '6:5 unknown-field',
      '10:40 AWS-R18',
      '18:45 unknown-reference',
    ]);
    expect(r.lines[0]).toBe(
      'f.yaml:2:10: `90` is a plain number — durations carry a unit (s, m, h, d): write `1m30s`',
    );
    expect(r.lines[2]).toBe(
      'f.yaml:10:40: 172.20.2.1 is reserved in subnet app (172.20.2.0/24): AWS keeps the first four addresses and the last — use 172.20.2.4 to 172.20.2.254 [AWS-R18]',
    );
  });

  it('warns about an action at or after the horizon and still gives the scenario', () => {
    const r = load(edit(BASE, 'at: 10m', 'at: 2h'));
    expect(r.scenario).toBeDefined();
    expect(r.problems).toEqual([]);
    expect(r.lines).toEqual([
      'f.yaml:18:11: warning: at 2h is at or after the horizon 1h — the change never takes effect; move it earlier or raise `horizon`',
    ]);
  });
});

describe('did you mean', () => {
  it.each<Break>([
    [
      'suggests a close reference',
      'gateway: gw }',
      'gateway: gww }',
      '16:65 unknown-reference unknown gateway `gww` in network prod; did you mean `gw`? — known: gw',
    ],
    [
      'suggests a close provider',
      'provider: aws',
      'provider: awz',
      '5:15 unknown-kind unknown provider `awz`; did you mean `aws`?',
    ],
    [
      'suggests a close field',
      '{ name: app, cidr:',
      '{ name: app, cidrr:',
      '8:22 unknown-field unknown field `cidrr`; did you mean `cidr`?',
    ],
    [
      'suggests a close next hop',
      'type: igw,',
      'type: ig,',
      '16:51 unknown-kind unknown next-hop type `ig`; did you mean `igw`?',
    ],
    [
      'suggests a close action',
      'do: gateway.delete',
      'do: gateway.delet',
      '18:20 unknown-kind unknown action `gateway.delet`; did you mean `gateway.delete`?',
    ],
    [
      'lists the fields when nothing is close',
      '{ name: gw, kind: igw }',
      '{ name: gw, kind: igw, zzz: 1 }',
      '12:32 unknown-field unknown field `zzz` — an AWS `igw` gateway takes: name, id, kind',
    ],
  ])('%s', (_what, from, to, expected) => expect(only(edit(BASE, from, to))).toBe(expected));
});

describe('provider vocabularies', () => {
  /** BASE on Azure, without its gateway part (an `igw` is AWS's). */
  const AZURE = edit(edit(BASE, 'provider: aws', 'provider: azure'), GATEWAY_PART, '');

  it('accepts an Azure host with ipForwarding', () => {
    expect(load(edit(AZURE, 'ip: 172.20.2.20 }', 'ip: 172.20.2.20, ipForwarding: true }')).lines).toEqual([]);
  });

  it.each([
    [
      'refuses sourceDestCheck on Azure with the Azure equivalent',
      AZURE,
      'ip: 172.20.2.20 }',
      'ip: 172.20.2.20, sourceDestCheck: false }',
      '10:53 wrong-provider-field `sourceDestCheck` is an AWS field — on Azure use `ipForwarding: true`',
    ],
    [
      'refuses ipForwarding on AWS with the AWS equivalent',
      BASE,
      'ip: 172.20.2.20 }',
      'ip: 172.20.2.20, ipForwarding: true }',
      '10:53 wrong-provider-field `ipForwarding` is an Azure, GCP and OpenStack field — on AWS use `sourceDestCheck: false`',
    ],
    [
      "refuses another provider's next hop with this provider's equivalent",
      BASE,
      '{ type: igw, gateway: gw }',
      '{ type: Internet }',
      '16:51 wrong-provider-value `Internet` is an Azure next hop — on AWS use `{ type: igw, gateway: ... }`',
    ],
    [
      "refuses another provider's gateway kind with this provider's equivalent",
      AZURE,
      '    hosts:',
      '    gateways:\n      - { name: g, kind: vgw }\n    hosts:',
      '10:26 wrong-provider-value `vgw` is an AWS gateway kind — on Azure use `kind: vpn`',
    ],
    [
      'refuses fields of another gateway kind',
      BASE,
      '{ name: gw, kind: igw }',
      '{ name: gw, kind: igw, subnet: app }',
      '12:32 unknown-field `subnet` is not a field of an AWS `igw` gateway — it belongs to `nat`; an AWS `igw` gateway takes: name, id, kind',
    ],
  ])('%s', (_what, base, from, to, expected) => expect(only(edit(base, from, to))).toBe(expected));

  it('refuses network cidrs on GCP', () => {
    const gcp =
      'name: g\nnetworks:\n  - name: corp\n    provider: gcp\n    cidrs: [10.0.0.0/8]\n    subnets: [ { name: a, cidr: 10.1.0.0/24, region: us-east1 } ]\n';
    expect(only(gcp)).toBe(
      '5:5 wrong-provider-field a GCP network has no `cidrs` — address ranges live on its subnets (`cidr`)',
    );
  });
});

describe('JSON input', () => {
  it('is accepted (JSON is YAML)', () => {
    const json = JSON.stringify({
      name: 'j',
      horizon: '2h',
      networks: [
        { name: 'n', provider: 'aws', cidrs: ['10.0.0.0/16'], subnets: [{ name: 's', cidr: '10.0.1.0/24' }] },
      ],
      flows: [{ name: 'f', from: 'n/s', to: '10.0.1.0/24', count: 10 }],
    });
    const r = load(json, 'f.json');
    expect(r.lines).toEqual([]);
    expect(r.scenario?.horizon).toBe(7200);
  });

  it('locates problems in JSON text', () => {
    const json =
      '{\n  "name": "j",\n  "networks": [\n    { "name": "n", "provider": "aws", "cidrs": ["10.0.0.0/16"], "subnetz": [] }\n  ]\n}\n';
    expect(load(json, 'f.json').lines).toEqual([
      'f.json:4:65: unknown field `subnetz`; did you mean `subnets`?',
    ]);
  });
});
