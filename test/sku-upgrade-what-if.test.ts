/**
 * AZ-R18 through `import terraform --what-if`: a plan that resizes an Azure VPN gateway in place
 * (VpnGw1 → VpnGw2, an update, not a replacement) becomes a `gateway.update` at the start of the
 * update, and the engine's 45-minute upgrade (profile.azure.skuUpgrade) ends when Terraform's
 * update would: the switchover comes 45 minutes after the apply starts, not 90.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importTerraform } from '@cloudroute/import';
import { loadScenario } from '@cloudroute/scenario';
import { runJob } from '@cloudroute/sim';

interface Change {
  type: string;
  change: {
    actions: string[];
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  };
}

/** The gateway-replace fixture turned into an in-place SKU resize of a route-based VpnGw1. */
function resizePlan(): string {
  const plan = JSON.parse(
    readFileSync('packages/import/test/fixtures/terraform/azure-gateway-replace-1.2.plan.json', 'utf8'),
  ) as { resource_changes: Change[] };
  for (const rc of plan.resource_changes) {
    if (rc.type === 'azurerm_virtual_network_gateway') {
      rc.change.actions = ['update'];
      rc.change.before = { ...rc.change.after, ...rc.change.before, vpn_type: 'RouteBased', sku: 'VpnGw1' };
      rc.change.after = { ...rc.change.before, sku: 'VpnGw2' };
    } else if (rc.type === 'azurerm_virtual_network_gateway_connection') {
      rc.change.actions = ['no-op'];
      rc.change.after = { ...rc.change.after, ...rc.change.before };
    }
  }
  return JSON.stringify(plan);
}

describe('AZ-R18: an in-place SKU resize in a Terraform plan', () => {
  it('is one gateway.update at the start of the update; the switchover ends the 45-minute upgrade', async () => {
    const r = importTerraform({ path: 'resize.plan.json', text: resizePlan() }, { whatIf: true });
    const text = r.text.replace(
      /^flows: \[\]$/m,
      'flows:\n  - { name: app-branch, from: hub/app, to: branch, count: 500 }',
    );
    const loaded = loadScenario(text, 'imported.yaml');
    expect(loaded.problems).toEqual([]);
    const sc = loaded.scenario!;
    expect(sc.timeline.map((a) => [a.at, a.do])).toEqual([[300, 'gateway.update']]);
    const run = await runJob(sc, { workers: 1 });
    if (!('groups' in run)) throw new Error('not a run result');
    expect(run.rejected).toEqual([]);
    expect(run.groups[0]?.outages.map((o) => [o.start, o.end])).toEqual([[300 + 2700, 300 + 2700 + 15]]);
  });
});
