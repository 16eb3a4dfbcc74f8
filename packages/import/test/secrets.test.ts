/**
 * Secrets never reach an output: not the written scenario, not its header, not the warnings (the
 * CLI's stderr), not the what-if timeline. A secret is any value under a credential-like key of the
 * AWS, Azure or Terraform schemas, of any length, and whatever Terraform marks sensitive.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatWarning,
  importAws,
  importAzure,
  importTerraform,
  ImportInputError,
  type ImportResult,
  type SourceFile,
} from '@cloudroute/import';
import { isSecretKey } from '../src/secrets.js';
import { fixture, fixtureFiles } from './helpers.js';

type Json = Record<string, unknown>;

/** Everything an import prints: the scenario (header included) and the warnings, or the error. */
function outputs(run: () => ImportResult): string {
  try {
    const r = run();
    return `${r.text}\n${r.warnings.map(formatWarning).join('\n')}`;
  } catch (e) {
    if (e instanceof ImportInputError) return e.message;
    throw e;
  }
}

const vpn = (extra: Json): string =>
  JSON.stringify({
    VpnConnections: [
      {
        VpnConnectionId: 'vpn-1',
        State: 'deleted',
        Options: { TunnelOptions: [{ OutsideIpAddress: '203.0.113.9', ...extra }] },
      },
    ],
  });
const vpcNamed = (name: string): SourceFile => ({
  path: 'Vpcs.json',
  text: JSON.stringify({
    Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'Name', Value: name }] }],
  }),
});

/** Credential-like keys of the AWS, Azure and Terraform schemas: every value under one is a secret. */
const SECRET_KEYS = [
  'PreSharedKey',
  'pre_shared_key',
  'sharedKey',
  'shared_key',
  'tunnel1_preshared_key',
  'tunnel2_preshared_key',
  'authorizationKey',
  'authorization_key',
  'AuthKey',
  'bgp_auth_key',
  'bgpAuthKey',
  'md5_authentication_key',
  'password',
  'adminPassword',
  'admin_password',
  'connectionString',
  'primary_connection_string',
  'sasToken',
  'sas_url',
  'sas',
  'radiusServerSecret',
  'client_secret',
  'primary_access_key',
  'CustomerGatewayConfiguration',
];

describe('credential-like keys (AWS, Azure, Terraform schemas)', () => {
  it.each(SECRET_KEYS)('%s is a secret', (key) => expect(isSecretKey(key)).toBe(true));

  it.each([
    'Name',
    'Key',
    'Value',
    'CidrBlock',
    'name',
    'enable_bgp',
    'disable_password_authentication',
    'authenticationType',
  ])('%s is not', (key) => expect(isSecretKey(key)).toBe(false));

  it('a secret under any of them, of any length, never reaches the output even when a name equals it', () => {
    for (const [key, secret] of [
      ['PreSharedKey', 'k3y'],
      ['authorizationKey', 'AuthorizationKeyOfTheCircuit-01'],
      ['authorization_key', 'ak-77'],
      ['bgp_auth_key', 'BgpMd5Key-2024'],
      ['md5_authentication_key', 'md5'],
      ['AuthKey', 'x'],
    ] as const) {
      const out = outputs(() =>
        importAws([vpcNamed(secret), { path: 'VpnConnections.json', text: vpn({ [key]: secret }) }]),
      );
      expect(out, `${key}: ${secret}`).not.toMatch(new RegExp(`(^|[^A-Za-z0-9])${secret}([^A-Za-z0-9]|$)`));
      expect(out).toContain('name: redacted');
    }
  });

  it('values nested under a credential key are all secrets', () => {
    const out = outputs(() =>
      importAws([
        vpcNamed('inner-pw-9'),
        { path: 'VpnConnections.json', text: vpn({ Credentials: { admin: [{ value: 'inner-pw-9' }] } }) },
      ]),
    );
    expect(out).not.toContain('inner-pw-9');
  });
});

describe('control characters in a source path', () => {
  it('cannot inject lines into the header or the warnings', () => {
    const path = 'x\n# injected: yes\r\nnetworks: []\u2028Vpcs.json';
    const r = importAws([{ path, text: JSON.stringify({ Vpcs: [{ VpcId: 'vpc-1' }] }) }]);
    const lines = r.text.split('\n');
    // The path stays on its header line (escaped); no line of its own, no second `networks:`.
    expect(lines.filter((l) => l.includes('injected')).every((l) => l.startsWith('#   '))).toBe(true);
    expect(lines.filter((l) => l.startsWith('networks:'))).toHaveLength(1);
    expect(lines).toContain('#   x\\u000a# injected: yes\\u000d\\u000anetworks: []\\u2028Vpcs.json');
    for (const w of r.warnings) expect(formatWarning(w)).not.toMatch(/[\r\n\u2028]/);
  });

  it('nor into an error message', () => {
    try {
      importAws([{ path: 'a\nb.json', text: 'nope' }]);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(/^a\\u000ab\.json: /);
    }
  });
});

describe('Terraform: what it marks sensitive', () => {
  const plan = (): Json => JSON.parse(fixture('terraform', 'aws-create-0.1.plan.json').text) as Json;
  const changes = (p: Json): Json[] => (p['resource_changes'] as Json[]).map((c) => c['change'] as Json);

  it('an attribute marked in after_sensitive is not imported (a sensitive Name tag)', () => {
    const p = plan();
    const c = changes(p).find(
      (x) => (x['after'] as Json)['tags'] !== undefined && JSON.stringify(x).includes('lab-public-a'),
    )!;
    (c['after'] as Json)['tags'] = { Name: 'SensitiveName' };
    c['after_sensitive'] = { tags: true };
    const out = outputs(() => importTerraform({ path: 'p.json', text: JSON.stringify(p) }));
    expect(out).not.toContain('SensitiveName');
  });

  it('sensitive variables and outputs, and sensitive_values of a state', () => {
    const p = plan();
    p['variables'] = { ...(p['variables'] as Json | undefined), vpc_name: { value: 'VarName1' } };
    const conf = p['configuration'] as Json;
    const root = conf['root_module'] as Json;
    root['variables'] = { ...(root['variables'] as Json | undefined), vpc_name: { sensitive: true } };
    p['output_changes'] = { psk: { actions: ['create'], after: 'OutPsk', after_sensitive: true } };
    p['planned_values'] = {
      ...(p['planned_values'] as Json),
      outputs: { psk: { sensitive: true, value: 'OutPsk' } },
    };
    // The same values turn up where the importer reads (a tag), as if derived from them.
    const c = changes(p).find((x) => (x['after'] as Json)['tags'] !== undefined)!;
    (c['after'] as Json)['tags'] = { Name: 'VarName1', Other: 'OutPsk' };
    const out = outputs(() => importTerraform({ path: 'p.json', text: JSON.stringify(p) }));
    expect(out).not.toContain('VarName1');
    expect(out).not.toContain('OutPsk');

    const state = JSON.parse(fixture('terraform', 'azurerm-new-names-1.0.state.json').text) as Json;
    const resources = ((state['values'] as Json)['root_module'] as Json)['resources'] as Json[];
    const named = resources.find((r) => typeof (r['values'] as Json)['name'] === 'string')!;
    const name = (named['values'] as Json)['name'] as string;
    named['sensitive_values'] = { name: true };
    expect(outputs(() => importTerraform({ path: 's.json', text: JSON.stringify(state) }))).not.toMatch(
      new RegExp(`(^|[^A-Za-z0-9-])${name}([^A-Za-z0-9-]|$)`),
    );
  });
});

/** Every JSON object of a document with its depth. */
function objects(doc: unknown): Json[] {
  const out: Json[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      out.push(v as Json);
      Object.values(v).forEach(walk);
    }
  };
  walk(doc);
  return out;
}

/** Secrets of 1 to 40 characters, each with a character the importers never write themselves. */
const secret = fc.stringMatching(/^[A-Za-z0-9]{0,20}[%^~!][A-Za-z0-9%^~!=+]{0,19}$/);

/** How the secret sits under its key: as the value, or deeper inside it. */
const shape = fc.constantFrom(
  (s: string): unknown => s,
  (s: string): unknown => ({ value: s }),
  (s: string): unknown => [s],
  (s: string): unknown => ({ a: { b: [{ c: s }] } }),
);

const plant = fc.record({
  secret,
  key: fc.constantFrom(...SECRET_KEYS),
  shape,
  at: fc.nat(),
  /** Also write the secret where the importer reads (a name): the coincidence must not leak it. */
  echo: fc.boolean(),
  echoAt: fc.nat(),
});

interface PlantValue {
  readonly secret: string;
  readonly key: string;
  readonly shape: (s: string) => unknown;
  readonly at: number;
  readonly echo: boolean;
  readonly echoAt: number;
}

/** Plants each secret under its key in an object of the documents, and optionally as a name. */
function planted(files: readonly SourceFile[], plants: readonly PlantValue[]): SourceFile[] {
  const docs = files.map((f) => JSON.parse(f.text) as unknown);
  const all = docs.flatMap(objects);
  const named = all.filter(
    (o) =>
      typeof o['name'] === 'string' ||
      (Array.isArray(o['Tags']) && (o['Tags'] as Json[]).some((t) => t['Key'] === 'Name')),
  );
  for (const p of plants) {
    all[p.at % all.length]![p.key] = p.shape(p.secret);
    if (p.echo && named.length > 0) {
      const o = named[p.echoAt % named.length]!;
      if (typeof o['name'] === 'string') o['name'] = p.secret;
      else for (const t of o['Tags'] as Json[]) if (t['Key'] === 'Name') t['Value'] = p.secret;
    }
  }
  return files.map((f, i) => ({ path: f.path, text: JSON.stringify(docs[i]) }));
}

describe('property: secrets planted at random depths never leak', () => {
  const cases: [string, SourceFile[], (f: SourceFile[]) => ImportResult][] = [
    ['aws', fixtureFiles('aws-multi-account'), (f) => importAws(f)],
    ['azure', [...fixtureFiles('azure', 'cli'), ...fixtureFiles('azure', 'arm')], (f) => importAzure(f)],
    [
      'terraform --what-if',
      [fixture('terraform', 'azure-gateway-replace-1.2.plan.json')],
      (f) => importTerraform(f[0]!, { whatIf: true }),
    ],
    [
      'terraform state',
      [fixture('terraform', 'azurerm-new-names-1.0.state.json')],
      (f) => importTerraform(f[0]!),
    ],
  ];
  for (const [name, files, run] of cases)
    it(`${name}: under credential keys`, () => {
      const baseline = outputs(() => run(files));
      fc.assert(
        fc.property(fc.array(plant, { minLength: 1, maxLength: 4 }), (plants) => {
          fc.pre(plants.every((p) => !baseline.includes(p.secret)));
          const out = outputs(() => run(planted(files, plants)));
          for (const p of plants) expect(out).not.toContain(p.secret);
        }),
        { seed: 7707, numRuns: 60 },
      );
    });

  it('terraform: under after_sensitive / before_sensitive / sensitive_values markers', () => {
    const files = [fixture('terraform', 'aws-create-0.1.plan.json')];
    const baseline = outputs(() => importTerraform(files[0]!));
    fc.assert(
      fc.property(
        fc.array(fc.record({ secret, which: fc.nat(), attr: fc.nat(), shape, before: fc.boolean() }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.boolean(),
        (marks, whatIf) => {
          fc.pre(marks.every((m) => !baseline.includes(m.secret)));
          const p = JSON.parse(files[0]!.text) as Json;
          const changes = (p['resource_changes'] as Json[]).map((c) => c['change'] as Json);
          for (const m of marks) {
            const c = changes[m.which % changes.length]!;
            const side = m.before && c['before'] !== null ? 'before' : 'after';
            const values = (c[side] ?? {}) as Json;
            c[side] = values;
            // An attribute the importer reads (name, cidr_block, tags…) or a new one.
            const attrs = [...Object.keys(values), 'extra'];
            const attr = attrs[m.attr % attrs.length]!;
            values[attr] = attr === 'tags' ? { Name: m.secret } : m.shape(m.secret);
            const mirror = (c[`${side}_sensitive`] ?? {}) as Json;
            mirror[attr] = true;
            c[`${side}_sensitive`] = mirror;
          }
          const out = outputs(() => importTerraform({ path: 'p.json', text: JSON.stringify(p) }, { whatIf }));
          for (const m of marks) expect(out).not.toContain(m.secret);
        },
      ),
      { seed: 7708, numRuns: 80 },
    );
  });
});

describe('short secrets are scrubbed as whole tokens', () => {
  it('a 1-character secret does not break the addresses and prefixes of the scenario', () => {
    const files = fixtureFiles('aws-multi-account');
    const base = importAws(files).text;
    const withKey = [...files, { path: 'VpnConnections.json', text: vpn({ PreSharedKey: '1' }) }];
    const r = importAws(withKey);
    // Every prefix of the plain import is still there, whole.
    for (const cidr of base.match(/\d+\.\d+\.\d+\.\d+\/\d+/g) ?? []) expect(r.text).toContain(cidr);
  });
});
