/**
 * The effective route table of an AWS subnet (PROVIDERS.md 1.1): local routes, the associated
 * table's static routes, propagated VGW routes, then AWS selection.
 */
import type { NetworkState } from '../state.js';
import type { ForwardingTable } from '../tables.js';
import type { Network, RouteTable, Subnet } from '../topology.js';
import { draft, localDrafts, type Draft } from '../internal/candidate.js';
import { Memo, routeTableKey } from '../internal/memo.js';
import { networkInfo } from '../internal/topology-index.js';
import { selectAwsRoutes } from './route-selection.js';
import { resolveAwsTarget } from './targets.js';
import { vgwPropagated } from './vgw.js';

/**
 * AWS-R10: a subnet uses its associated table, else the VPC's main table (`main: true`), else a
 * table with the local routes only.
 */
export function awsRouteTableOf(network: Network, subnet: Subnet): RouteTable | undefined {
  if (typeof subnet.routeTable === 'string') {
    const named = network.routeTables.find((t) => t.name === subnet.routeTable);
    if (named) return named;
  }
  return network.routeTables.find((t) => t.main === true);
}

const memo = new Memo<Subnet, ForwardingTable>();
/** The routes of the subnets of one VPC that use the same table (or none): one array for all. */
const routesMemo = new Memo<object, ForwardingTable['routes']>();

export function awsSubnetTable(
  state: NetworkState,
  network: Network,
  subnet: Subnet,
  envDeps: readonly unknown[],
): ForwardingTable {
  const table = awsRouteTableOf(network, subnet);
  // AWS-R27: propagated routes only where the table has propagation enabled (default off).
  const propagated = table?.propagateGatewayRoutes === true ? vgwPropagated(state, network) : undefined;
  // Everything below depends on the VPC and the subnet's table, not on the subnet itself.
  const routes = routesMemo.get(routeTableKey(network, table), [propagated, ...envDeps], () => {
    const info = networkInfo(network);
    // AWS-R1: a local route per VPC CIDR in every table.
    const drafts: Draft[] = localDrafts(network);
    for (const route of table?.routes ?? []) {
      // AWS-R3: a `local` target on a VPC CIDR is the local route itself (restored), not a second route.
      if (route.nextHop.type === 'local' && network.cidrs.includes(route.prefix)) continue;
      const t = resolveAwsTarget(state, network, route.nextHop);
      // AWS-R12: a route whose target is gone stays, in state blackhole, and drops.
      const d = draft({
        prefix: route.prefix,
        source: 'static',
        state: t.blackhole !== undefined ? 'blackhole' : 'active',
        nextHopType: t.nextHopType,
        nextHopIp: t.nextHopIp,
        name: route.name,
        action: t.action,
      });
      if (t.blackhole !== undefined) {
        d.reason = t.blackhole;
        d.rule = 'AWS-R12';
      }
      drafts.push(d);
    }
    for (const r of propagated?.routes ?? [])
      drafts.push(
        draft({
          prefix: r.prefix,
          parsed: r.parsed,
          source: 'propagated',
          state: 'active',
          nextHopType: 'vgw',
          action: { kind: 'gateway', gateway: propagated!.vgwPath },
        }),
      );
    return selectAwsRoutes(drafts, info.cidrIndex, info.subnetIndex);
  });
  return memo.get(subnet, [network, routes], () => ({
    id: `${network.name}/${subnet.name}`,
    kind: 'subnet',
    provider: 'aws',
    routes,
  }));
}
