/**
 * Route table associations and gateway route propagation: `routeTable.associated` (a subnet's
 * table; GCP-R1: GCP subnets have none; OpenStack uses host routes) and `propagation.set` (AWS and
 * Azure; AZ-R10: off on GatewaySubnet, the gateway will not function).
 */
import { azureOnGatewaySubnet, splitPath } from '@cloudroute/model';
import type { NetworkState, RouteTable } from '@cloudroute/model';
import type { PropagationSet, RouteTableAssociated } from '../events.js';
import { findRouteTable, findSubnet } from './lookup.js';
import { change, refuse } from './outcome.js';
import type { NoteDraft, Outcome } from './outcome.js';

/** `routeTable.associated`: the subnet's route table becomes `routeTable` (null: the network's main). */
export function routeTableAssociated(state: NetworkState, ev: RouteTableAssociated): Outcome {
  const topo = state.topology;
  const sub = findSubnet(topo, ev.subnet);
  if (!sub) return refuse('not-found', `no subnet ${ev.subnet}`);
  const provider = sub.network.provider;
  if (provider === 'gcp') return refuse('GCP-R1', `GCP subnets have no route tables (one table per network)`);
  if (provider === 'openstack')
    return refuse('invalid-target', `OpenStack subnets have no route tables: use hostRoutes`);
  let table: RouteTable | undefined;
  if (ev.routeTable !== null) {
    const parts = splitPath(ev.routeTable);
    const f = findRouteTable(topo, ev.routeTable);
    if (parts && parts[0] !== sub.network.name) {
      return refuse('invalid-target', `${ev.routeTable} belongs to another network than ${ev.subnet}`);
    }
    if (!f) return refuse('not-found', `no route table ${ev.routeTable}`);
    table = f.item;
  }
  const notes: NoteDraft[] = [];
  if (provider === 'azure' && sub.item.name === 'GatewaySubnet' && table?.propagateGatewayRoutes === false) {
    notes.push({
      severity: 'warning',
      rule: 'AZ-R10',
      message: `${table.name} disables gateway route propagation; on GatewaySubnet the gateway will not function`,
    });
  }
  const name = table?.name;
  return change(
    (d) => {
      const s = d.topology.networks[sub.ni]?.subnets[sub.i];
      if (!s) return;
      if (name === undefined) delete s.routeTable;
      else s.routeTable = name;
    },
    (t) => {
      t.add(ev.subnet);
      for (const g of sub.network.gateways) t.add(`${sub.network.name}/${g.name}`);
    },
    { notes },
  );
}

/** `propagation.set`: gateway route propagation of an AWS or Azure route table on or off. */
export function propagationSet(state: NetworkState, ev: PropagationSet): Outcome {
  const f = findRouteTable(state.topology, ev.routeTable);
  if (!f) return refuse('not-found', `no route table ${ev.routeTable}`);
  if (f.network.provider !== 'aws' && f.network.provider !== 'azure') {
    return refuse('invalid-target', `gateway route propagation is set on AWS and Azure route tables only`);
  }
  const notes: NoteDraft[] = [];
  // AZ-R10: accepted, but "the gateway will not function" on GatewaySubnet.
  if (f.network.provider === 'azure' && !ev.enabled && azureOnGatewaySubnet(f.network, f.item.name)) {
    notes.push({
      severity: 'warning',
      rule: 'AZ-R10',
      message: `${ev.routeTable} serves GatewaySubnet: with gateway route propagation off the gateway will not function`,
    });
  }
  return change(
    (d) => {
      const t = d.topology.networks[f.ni]?.routeTables[f.i];
      if (t) t.propagateGatewayRoutes = ev.enabled;
    },
    (t) => t.routeTable(f.network.name, f.item.name),
    { notes },
  );
}
