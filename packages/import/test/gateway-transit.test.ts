/**
 * Gateway transit in imports (AZ-R34, AZ-R36): ARM / CLI `allowGatewayTransit` and
 * `useRemoteGateways`, azurerm `allow_gateway_transit` and `use_remote_gateways`. The side that
 * uses remote gateways is the spoke; the peering is written hub first with `gatewayTransit: true`.
 */
import { describe, expect, it } from 'vitest';
import { formatWarning, importAzure, importTerraform } from '@cloudroute/import';
import { fixture, fixtureFiles, scenarioOf } from './helpers.js';

describe('import azure: gateway transit (AZ-R34)', () => {
  const r = importAzure(fixtureFiles('azure', 'arm-transit'));
  const sc = scenarioOf(r.text);
  const warnings = r.warnings.map(formatWarning);

  it('AZ-R34: the peering whose spoke side uses remote gateways is written hub first with gatewayTransit', () => {
    const byPair = sc.topology.peerings.map((p) => ({
      between: p.between,
      transit: p.gatewayTransit === true,
    }));
    expect(byPair).toEqual([
      { between: ['hub', 'spoke'], transit: true },
      { between: ['hub', 'lab'], transit: false },
    ]);
    expect(warnings.filter((w) => w.includes('gateway transit'))).toEqual([]);
  });

  it('AZ-R34: the same export in the CLI shape (flattened properties) reads alike', () => {
    const flat = fixtureFiles('azure', 'arm-transit').map((f) => {
      const flatten = (o: unknown): unknown => {
        if (Array.isArray(o)) return o.map(flatten);
        if (o === null || typeof o !== 'object') return o;
        const { properties, ...rest } = o as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries({ ...rest, ...((properties as object | undefined) ?? {}) }))
          out[k] = flatten(v);
        return out;
      };
      return { path: f.path, text: JSON.stringify(flatten(JSON.parse(f.text))) };
    });
    expect(scenarioOf(importAzure(flat).text).topology.peerings.map((p) => p.gatewayTransit)).toEqual([
      true,
      undefined,
    ]);
  });

  it('AZ-R36: a spoke whose hub gateway is not in the input is imported without transit, with a warning', () => {
    const vnets = fixtureFiles('azure', 'arm-transit').filter((f) => f.path.endsWith('vnets.json'));
    const partial = importAzure(vnets);
    expect(scenarioOf(partial.text).topology.peerings.every((p) => p.gatewayTransit !== true)).toBe(true);
    expect(
      partial.warnings
        .map(formatWarning)
        .some((w) => w.includes('spoke-to-hub') && w.includes('no VPN gateway') && w.includes('AZ-R36')),
    ).toBe(true);
  });
});

describe('import terraform: azurerm gateway transit (AZ-R34)', () => {
  it('AZ-R34: allow_gateway_transit / use_remote_gateways give a hub-first transit peering', () => {
    const r = importTerraform(fixture('terraform', 'azurerm-gateway-transit-1.0.state.json'));
    const sc = scenarioOf(r.text);
    expect(sc.topology.peerings.map((p) => [p.between, p.gatewayTransit])).toEqual([
      [['hub', 'spoke'], true],
    ]);
  });
});
