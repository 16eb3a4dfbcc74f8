/**
 * `import terraform`: plans and states of formats 0.x and 1.x (IMPORTERS.md §3). A create plan
 * whose links are all unknown until apply (resolved through `configuration`), the azurerm renames
 * (old and new attribute names give the same scenario), an unknown format refused, and the
 * what-if of two plans: one replaces a policy-based Azure gateway (an outage), one only adds a
 * route (none).
 */
import { describe, expect, it } from 'vitest';
import { formatWarning, importTerraform, ImportInputError } from '@cloudroute/import';
import { runJob, trace } from '@cloudroute/sim';
import { fixture, golden, scenarioOf, stateOf, withFlows } from './helpers.js';

describe('import terraform: a create plan of format 0.1', () => {
  const r = importTerraform(fixture('terraform', 'aws-create-0.1.plan.json'));
  const sc = scenarioOf(r.text);
  const warnings = r.warnings.map(formatWarning);
  const lab = sc.topology.networks[0]!;

  it('writes the golden scenario, which validates', () => {
    expect(r.text).toBe(golden('terraform-aws-create.scenario.golden', r.text));
  });

  it('resolves unknown links through configuration references, pairing count.index and reporting it', () => {
    expect(lab.subnets.map((s) => [s.name, s.routeTable])).toEqual([
      ['lab-public-a', 'lab-public'],
      ['lab-public-b', 'lab-public'],
      ['lab-private-a', 'lab-private-a'],
      ['lab-private-b', 'lab-private-b'],
    ]);
    expect(lab.routeTables.find((t) => t.name === 'lab-private-b')?.routes).toEqual([
      { prefix: '0.0.0.0/0', nextHop: { type: 'nat', gateway: 'lab-nat-b' } },
    ]);
    expect(lab.gateways.find((g) => g.name === 'lab-nat-b')?.subnet).toBe('lab-public-b');
    expect(warnings.some((w) => w.includes('aws_nat_gateway.this paired by equal index'))).toBe(true);
  });

  it('takes the configured target, not the unset computed ones that are unknown too', () => {
    expect(lab.routeTables.find((t) => t.name === 'lab-public')?.routes).toEqual([
      { prefix: '0.0.0.0/0', nextHop: { type: 'igw', gateway: 'lab-igw' } },
    ]);
  });

  it('reports what it cannot follow (local.*) and the whole-unknown route sets', () => {
    expect(
      warnings.some(
        (w) =>
          w.includes('aws_subnet.private[0]: vpc_id is unknown until apply') && w.includes('local.vpc_id'),
      ),
    ).toBe(true);
    expect(
      warnings.some((w) =>
        w.includes('aws_route_table.private[0]: its inline routes are unknown until apply'),
      ),
    ).toBe(true);
  });

  it('skips data sources and warns about resources it does not model', () => {
    expect(warnings).toContain('not routing resources cloudroute imports: random_id');
    expect(warnings).toContain('not modelled (filters, addresses, compute): aws_eip');
    expect(r.text).not.toContain('aws_availability_zones');
  });

  it('traces after import: a private subnet reaches the internet through its NAT gateway', () => {
    const t = trace(stateOf(sc, 0), 'lab/app1', '8.8.8.8');
    expect(t.verdict).toBe('delivered');
    expect(t.hops.map((h) => `${h.node} ${h.route?.nextHopType ?? '-'}`)).toEqual([
      'lab/lab-private-a nat',
      'lab/lab-nat-a -',
      'lab/lab-public-a igw',
      'lab/lab-igw -',
    ]);
  });
});

describe('import terraform: azurerm renames', () => {
  it('old (0.12-era state, format 0.1) and new attribute names give the same scenario', () => {
    const old = importTerraform(fixture('terraform', 'azurerm-old-names-0.1.state.json'));
    const now = importTerraform(fixture('terraform', 'azurerm-new-names-1.0.state.json'));
    const strip = (d: Record<string, unknown>) => ({ ...d, description: '' });
    expect(strip(old.document)).toEqual(strip(now.document));
    const edge = scenarioOf(now.text).topology.networks[0]!;
    // bgp_route_propagation_enabled = false ≡ disable_bgp_route_propagation = true (inverted).
    expect(edge.routeTables[0]?.propagateGatewayRoutes).toBe(false);
    expect(edge.hosts[0]?.ipForwarding).toBe(true);
    expect(edge.gateways[0]).toMatchObject({ kind: 'vpn', asn: 65100, bgpPeerIps: ['10.12.255.30'] });
    expect(old.warnings).toEqual([]);
  });
});

describe('import terraform: bad input', () => {
  const bad = (text: string) => () => importTerraform({ path: 'plan.json', text });
  it('refuses an unknown major format version, naming the file and the JSON path', () => {
    expect(bad('{"format_version":"2.0","resource_changes":[]}')).toThrow(ImportInputError);
    expect(bad('{"format_version":"2.0","resource_changes":[]}')).toThrow(
      'plan.json: $.format_version: unknown format version "2.0"',
    );
  });
  it('accepts a newer minor version', () => {
    expect(() =>
      importTerraform({ path: 'plan.json', text: '{"format_version":"1.9","resource_changes":[]}' }),
    ).not.toThrow();
  });
  it('refuses JSON without format_version, and another provider’s export', () => {
    expect(bad('{"resource_changes":[]}')).toThrow('plan.json: $.format_version: no format_version');
    expect(bad('{"Vpcs":[]}')).toThrow('use `cloudroute import aws`');
  });
  it('refuses --what-if on a state', () => {
    expect(() =>
      importTerraform(fixture('terraform', 'azurerm-new-names-1.0.state.json'), { whatIf: true }),
    ).toThrow('this is a state, not a plan');
  });
});

describe('import terraform --what-if', () => {
  const flows = ['{ name: app-branch, from: hub/app, to: branch, count: 2000 }'];

  it('replacing a policy-based gateway: delete and 45-minute create in apply order, an outage', async () => {
    const r = importTerraform(fixture('terraform', 'azure-gateway-replace-1.2.plan.json'), { whatIf: true });
    expect(r.text).toBe(golden('terraform-what-if-gateway-replace.scenario.golden', r.text));
    const sc = scenarioOf(withFlows(r.text, flows));
    expect(sc.topology.networks[0]?.gateways[0]).toMatchObject({ vpnType: 'PolicyBased', sku: 'Basic' });
    expect(sc.timeline.map((a) => `${a.at} ${a.do}`)).toEqual([
      '300 tunnel.down',
      '305 gateway.update',
      '3065 tunnel.up',
    ]);
    expect(sc.timeline[1]).toMatchObject({ set: { vpnType: 'RouteBased', sku: 'VpnGw1' }, recreate: true });
    const run = await runJob(sc, { workers: 1 });
    if (!('groups' in run)) throw new Error('not a run result');
    const g = run.groups[0]!;
    expect(g.outages).toHaveLength(1);
    expect(g.outages[0]).toMatchObject({ start: 300, end: 3065 });
    expect(run.rejected).toEqual([]);
    expect(r.text).not.toContain('FixtureTfSharedKey');
  });

  it('adding a route: the route appears once created, and no flow is lost', async () => {
    const r = importTerraform(fixture('terraform', 'azure-route-add-1.2.plan.json'), { whatIf: true });
    const sc = scenarioOf(withFlows(r.text, flows));
    expect(sc.timeline).toEqual([
      {
        at: 305,
        do: 'route.add',
        routeTable: 'hub/app-rt',
        route: { name: 'lab', prefix: '10.99.0.0/16', nextHop: { type: 'None' } },
      },
    ]);
    const run = await runJob(sc, { workers: 1 });
    if (!('groups' in run)) throw new Error('not a run result');
    expect(run.groups[0]?.availability).toBe(1);
    expect(run.groups[0]?.outages).toEqual([]);
  });

  it('without --what-if a plan imports as the network after apply', () => {
    const r = importTerraform(fixture('terraform', 'azure-gateway-replace-1.2.plan.json'));
    const sc = scenarioOf(r.text);
    expect(sc.topology.networks[0]?.gateways[0]).toMatchObject({ vpnType: 'RouteBased', sku: 'VpnGw1' });
    expect(sc.timeline).toEqual([]);
  });
});
