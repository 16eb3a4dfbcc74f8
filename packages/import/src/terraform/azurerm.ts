/**
 * Terraform azurerm resources (IMPORTERS.md 3.6) → Azure objects in the flattened CLI shape, for
 * the Azure builder. Renames across provider generations are mapped (`disable_bgp_route_propagation`
 * vs the inverted `bgp_route_propagation_enabled`, `enable_bgp` vs `bgp_enabled`,
 * `peering_address` vs `peering_addresses`, `address_prefix` vs `address_prefixes`,
 * `enable_ip_forwarding` vs `ip_forwarding_enabled`); when both are present they must agree.
 * Resources are linked by name (`virtual_network_name` + `resource_group_name`) or by id; ids
 * unknown until apply are stood in for by ids built from the Terraform address. `shared_key` is
 * never read.
 */
import { arr, obj, str } from '../internal/json.js';
import { AzureInventory, T } from '../azure/inventory.js';
import { idKey } from '../azure/normalize.js';
import type { Warnings } from '../warnings.js';
import type { TfInstance } from './plan.js';
import { UNKNOWN, type Side, type TfResolver } from './refs.js';
import { AZURERM_FILTERS_HANDLED, azurermFilters } from './azurerm-filters.js';

export const AZURERM_HANDLED = new Set([
  'azurerm_virtual_network',
  'azurerm_subnet',
  'azurerm_subnet_route_table_association',
  'azurerm_route_table',
  'azurerm_route',
  'azurerm_network_interface',
  'azurerm_virtual_network_gateway',
  'azurerm_local_network_gateway',
  'azurerm_virtual_network_gateway_connection',
  'azurerm_virtual_network_peering',
  ...AZURERM_FILTERS_HANDLED,
]);

export const AZURERM_NOT_MODELLED = new Set([
  'azurerm_resource_group',
  'azurerm_public_ip',
  'azurerm_nat_gateway',
  'azurerm_nat_gateway_public_ip_association',
  'azurerm_subnet_nat_gateway_association',
  'azurerm_virtual_machine',
  'azurerm_linux_virtual_machine',
  'azurerm_windows_virtual_machine',
  'azurerm_availability_set',
  'azurerm_firewall',
]);

type Mutable = Record<string, unknown>;

function list(v: unknown): readonly unknown[] {
  return v === UNKNOWN ? [] : arr(v);
}

/** Reads one side of a plan's azurerm resources into the Azure inventory, keeping each object's stand-in id. */
class AzurermConverter {
  readonly inv = new AzureInventory();
  /** Terraform address → the id standing for the object (real when known). */
  readonly idOf = new Map<string, string>();
  readonly objects = new Map<string, Mutable>();
  constructor(
    readonly r: TfResolver,
    readonly side: Side,
    readonly w: Warnings,
  ) {}

  /** A string attribute at `path` (a name or a path into nested blocks), undefined when absent or unknown. */
  stringAttr(i: TfInstance, path: string | (string | number)[]): string | undefined {
    return this.r.string(i, this.side, typeof path === 'string' ? [path] : path);
  }

  /** A boolean under its current name or its old one (`inverted`: old true = new false). */
  renamed(i: TfInstance, current: string, old: string, inverted = false): boolean | undefined {
    const a = this.r.value(i, this.side, [current]);
    const b = this.r.value(i, this.side, [old]);
    const na = typeof a === 'boolean' ? a : undefined;
    const nb = typeof b === 'boolean' ? (inverted ? !b : b) : undefined;
    if (na !== undefined && nb !== undefined && na !== nb)
      this.w.add('malformed', `${i.address}: ${current} and ${old} disagree — ${current} used`, this.r.file);
    return na ?? nb;
  }

  put(i: TfInstance, type: string, id: string, o: Mutable): void {
    o['id'] = id;
    o['type'] = type;
    this.idOf.set(i.address, id);
    this.objects.set(i.address, o);
    this.inv.put({
      o,
      type,
      id,
      file: this.r.file,
      path: ['resource_changes', i.address],
      origin: i.address,
      outId: this.stringAttr(i, 'id') ?? i.address,
    });
  }

  /** The id of the object an attribute links to (real or stand-in). */
  link(
    i: TfInstance,
    attr: string,
    block?: { name: string; index: number },
    valuePath?: (string | number)[],
  ): string | undefined {
    const k = this.r.link(i, this.side, attr, block, valuePath);
    return k === undefined ? undefined : (this.idOf.get(k) ?? k);
  }

  /** The stand-in id of a named parent (`virtual_network_name` + `resource_group_name`). */
  byName(i: TfInstance, type: string, nameAttr: string): string | undefined {
    const name = this.stringAttr(i, nameAttr);
    const rg = this.stringAttr(i, 'resource_group_name');
    for (const x of this.r.plan.instances)
      if (
        x.type === type &&
        this.r.exists(x, this.side) &&
        this.r.string(x, this.side, ['name']) === name &&
        this.r.string(x, this.side, ['resource_group_name']) === rg
      ) {
        const id = this.idOf.get(x.address);
        if (id !== undefined) return id;
      }
    const k = this.r.link(i, this.side, nameAttr);
    const id = k === undefined ? undefined : this.idOf.get(k);
    if (id !== undefined) return id;
    return name !== undefined && rg !== undefined
      ? `/subscriptions/unknown/resourceGroups/${rg}/providers/${type === 'azurerm_route_table' ? 'Microsoft.Network/routeTables' : 'Microsoft.Network/virtualNetworks'}/${name}`
      : undefined;
  }
}

/**
 * The id an object is known by inside the import: built from its Terraform address, so that it is
 * the same before and after the plan (a replaced resource gets a new id at apply). The real id,
 * when known, is what the scenario's `id:` shows.
 */
function standIn(_c: AzurermConverter, i: TfInstance): string {
  return `/terraform/${i.address}`;
}

export interface AzurermResult {
  readonly inv: AzureInventory;
  /** Route table id key → VNet id key of the subnets that use it (for tables placed before association). */
  readonly placement: Map<string, string>;
}

export function azurermInventory(r: TfResolver, side: Side, w: Warnings): AzurermResult {
  const c = new AzurermConverter(r, side, w);
  const inst = r.plan.instances.filter((i) => r.exists(i, side) && i.type.startsWith('azurerm_'));
  const instancesOf = (t: string): TfInstance[] => inst.filter((i) => i.type === t);
  const addressPrefixes = (i: TfInstance, path: (string | number)[] = []): string[] => {
    const many = list(r.value(i, side, [...path, 'address_prefixes'])).filter(
      (x): x is string => typeof x === 'string',
    );
    const one = r.string(i, side, [...path, 'address_prefix']);
    return [...new Set([...many, ...(one !== undefined ? [one] : [])])];
  };

  for (const i of instancesOf('azurerm_virtual_network')) {
    const id = standIn(c, i);
    const subnets = list(r.value(i, side, ['subnet'])).map((_, k) => {
      const name = c.stringAttr(i, ['subnet', k, 'name']);
      const rt = c.stringAttr(i, ['subnet', k, 'route_table_id']);
      return {
        name,
        id: c.stringAttr(i, ['subnet', k, 'id']) ?? `${id}/subnets/${name ?? k}`,
        addressPrefixes: addressPrefixes(i, ['subnet', k]),
        ...(rt !== undefined ? { routeTable: { id: rt } } : {}),
      };
    });
    c.put(i, T.vnet, id, {
      name: c.stringAttr(i, 'name'),
      addressSpace: { addressPrefixes: list(r.value(i, side, ['address_space'])) },
      subnets,
    });
  }
  for (const i of instancesOf('azurerm_route_table')) {
    // IMPORTERS.md 3.6: bgp_route_propagation_enabled (new) is the inverse of disable_bgp_route_propagation (old).
    const enabled = c.renamed(i, 'bgp_route_propagation_enabled', 'disable_bgp_route_propagation', true);
    const rv = r.value(i, side, ['route']);
    if (rv === UNKNOWN)
      w.add('unresolved', `${i.address}: its inline routes are unknown until apply — left out`, r.file);
    const routes = list(rv).map((_, k) => ({
      name: c.stringAttr(i, ['route', k, 'name']),
      addressPrefix: c.stringAttr(i, ['route', k, 'address_prefix']),
      nextHopType: c.stringAttr(i, ['route', k, 'next_hop_type']),
      nextHopIpAddress: c.stringAttr(i, ['route', k, 'next_hop_in_ip_address']),
    }));
    c.put(i, T.routeTable, standIn(c, i), {
      name: c.stringAttr(i, 'name'),
      disableBgpRoutePropagation: enabled === undefined ? undefined : !enabled,
      routes,
    });
  }
  for (const i of instancesOf('azurerm_subnet')) {
    const vnet = c.byName(i, 'azurerm_virtual_network', 'virtual_network_name');
    if (vnet === undefined) {
      w.add('unresolved', `${i.address}: its virtual network cannot be resolved — left out`, r.file);
      continue;
    }
    if (r.value(i, side, ['route_table_id_wo']) !== undefined || r.configured(i, 'route_table_id_wo'))
      w.add(
        'unsupported',
        `${i.address}: route_table_id_wo is write-only, always null in plans — the subnet's route table is invisible`,
        r.file,
      );
    const doa = r.value(i, side, ['default_outbound_access_enabled']);
    const name = c.stringAttr(i, 'name');
    c.put(i, T.subnet, `${vnet}/subnets/${name ?? i.address}`, {
      name,
      addressPrefixes: addressPrefixes(i),
      ...(typeof doa === 'boolean' ? { defaultOutboundAccess: doa } : {}),
    });
  }
  const placement = new Map<string, string>();
  for (const i of instancesOf('azurerm_subnet_route_table_association')) {
    const subnetId = c.link(i, 'subnet_id');
    const tableId = c.link(i, 'route_table_id');
    if (subnetId === undefined || tableId === undefined) continue;
    // A subnet resource, or a `subnet` block of a virtual network.
    const inline = [...c.objects.values()].flatMap((o) =>
      arr(o['subnets']).map((x) => obj(x) as Record<string, unknown>),
    );
    const subnet = [...c.objects.values(), ...inline].find(
      (o) => typeof o['id'] === 'string' && idKey(o['id']) === idKey(subnetId),
    );
    if (subnet === undefined) {
      w.add(
        'missing-reference',
        `${i.address}: subnet ${subnetId} is not in the plan — association left out`,
        r.file,
      );
      continue;
    }
    subnet['routeTable'] = { id: tableId };
    subnet['$association'] = i.address;
    const vnet = subnetId.replace(/\/subnets\/[^/]+$/i, '');
    placement.set(idKey(tableId), idKey(vnet));
  }
  for (const i of instancesOf('azurerm_route')) {
    const table = c.byName(i, 'azurerm_route_table', 'route_table_name');
    const name = c.stringAttr(i, 'name');
    if (table === undefined || name === undefined) continue;
    c.put(i, T.route, `${table}/routes/${name}`, {
      name,
      addressPrefix: c.stringAttr(i, 'address_prefix'),
      nextHopType: c.stringAttr(i, 'next_hop_type'),
      nextHopIpAddress: c.stringAttr(i, 'next_hop_in_ip_address'),
    });
  }
  for (const i of instancesOf('azurerm_network_interface')) {
    const forwarding = c.renamed(i, 'ip_forwarding_enabled', 'enable_ip_forwarding');
    const configs = list(r.value(i, side, ['ip_configuration'])).map((_, k) => {
      const ip = c.stringAttr(i, ['ip_configuration', k, 'private_ip_address']);
      const pip =
        c.stringAttr(i, ['ip_configuration', k, 'public_ip_address_id']) ??
        (r.configured(i, 'public_ip_address_id', { name: 'ip_configuration', index: k })
          ? 'configured'
          : undefined);
      return {
        name: c.stringAttr(i, ['ip_configuration', k, 'name']),
        privateIPAddress: ip,
        primary: r.value(i, side, ['ip_configuration', k, 'primary']) === true || k === 0,
        subnet: {
          id: c.link(i, 'subnet_id', { name: 'ip_configuration', index: k }, [
            'ip_configuration',
            k,
            'subnet_id',
          ]),
        },
        ...(pip !== undefined ? { publicIPAddress: { id: pip } } : {}),
      };
    });
    if (configs.every((x) => x.privateIPAddress === undefined)) {
      w.add(
        'unresolved',
        `${i.address}: private IP unknown until apply (dynamic allocation) — not a host`,
        r.file,
      );
      continue;
    }
    c.put(i, T.nic, standIn(c, i), {
      name: c.stringAttr(i, 'name'),
      enableIPForwarding: forwarding === true,
      ipConfigurations: configs,
    });
  }
  for (const i of instancesOf('azurerm_virtual_network_gateway')) {
    const bgpSettings = obj(list(r.value(i, side, ['bgp_settings']))[0]);
    const peering = list(bgpSettings?.['peering_addresses']).flatMap((p) =>
      [...arr(obj(p)?.['default_addresses']), ...arr(obj(p)?.['apipa_addresses'])].filter(
        (x) => typeof x === 'string',
      ),
    );
    const enableBgp = c.renamed(i, 'bgp_enabled', 'enable_bgp');
    const configs = list(r.value(i, side, ['ip_configuration'])).map((_, k) => ({
      name: c.stringAttr(i, ['ip_configuration', k, 'name']),
      subnet: {
        id: c.link(i, 'subnet_id', { name: 'ip_configuration', index: k }, [
          'ip_configuration',
          k,
          'subnet_id',
        ]),
      },
    }));
    c.put(i, T.vng, standIn(c, i), {
      name: c.stringAttr(i, 'name'),
      gatewayType: c.stringAttr(i, 'type') ?? 'Vpn',
      vpnType: c.stringAttr(i, 'vpn_type') ?? 'RouteBased',
      sku: { name: c.stringAttr(i, 'sku') },
      activeActive: r.value(i, side, ['active_active']) === true,
      enableBgp: enableBgp === true,
      bgpSettings: {
        asn: bgpSettings?.['asn'],
        bgpPeeringAddress: str(bgpSettings?.['peering_address']),
        bgpPeeringAddresses: peering.length > 0 ? [{ defaultBgpIpAddresses: peering }] : [],
      },
      ipConfigurations: configs,
      ...(c.stringAttr(i, 'default_local_network_gateway_id') !== undefined
        ? { gatewayDefaultSite: { id: c.stringAttr(i, 'default_local_network_gateway_id') } }
        : {}),
      provisioningState: 'Succeeded',
    });
  }
  for (const i of instancesOf('azurerm_local_network_gateway')) {
    const bgp = obj(list(r.value(i, side, ['bgp_settings']))[0]);
    c.put(i, T.lng, standIn(c, i), {
      name: c.stringAttr(i, 'name'),
      gatewayIpAddress: c.stringAttr(i, 'gateway_address'),
      localNetworkAddressSpace: { addressPrefixes: list(r.value(i, side, ['address_space'])) },
      bgpSettings:
        bgp === undefined ? undefined : { asn: bgp['asn'], bgpPeeringAddress: bgp['bgp_peering_address'] },
    });
  }
  for (const i of instancesOf('azurerm_virtual_network_gateway_connection')) {
    const lng =
      r.configured(i, 'local_network_gateway_id') || c.stringAttr(i, 'local_network_gateway_id') !== undefined
        ? c.link(i, 'local_network_gateway_id')
        : undefined;
    const peer =
      r.configured(i, 'peer_virtual_network_gateway_id') ||
      c.stringAttr(i, 'peer_virtual_network_gateway_id') !== undefined
        ? c.link(i, 'peer_virtual_network_gateway_id')
        : undefined;
    c.put(i, T.connection, standIn(c, i), {
      name: c.stringAttr(i, 'name'),
      connectionType: c.stringAttr(i, 'type') ?? 'IPsec',
      virtualNetworkGateway1: { id: c.link(i, 'virtual_network_gateway_id') },
      ...(lng !== undefined ? { localNetworkGateway2: { id: lng } } : {}),
      ...(peer !== undefined ? { virtualNetworkGateway2: { id: peer } } : {}),
      enableBgp: c.renamed(i, 'bgp_enabled', 'enable_bgp') === true,
    });
  }
  const peerings = instancesOf('azurerm_virtual_network_peering').map((i) => ({
    i,
    vnet: c.byName(i, 'azurerm_virtual_network', 'virtual_network_name'),
    remote: c.link(i, 'remote_virtual_network_id'),
  }));
  for (const { i, vnet, remote } of peerings) {
    if (vnet === undefined || remote === undefined) continue;
    const managed = [...c.idOf.values()].some((id) => idKey(id) === idKey(remote));
    const reverse = peerings.some(
      (p) =>
        p.vnet !== undefined &&
        p.remote !== undefined &&
        idKey(p.vnet) === idKey(remote) &&
        idKey(p.remote) === idKey(vnet),
    );
    // A peering is Connected only once both sides exist.
    const state = !managed || reverse ? 'Connected' : 'Initiated';
    const name = c.stringAttr(i, 'name') ?? i.address;
    c.put(i, T.peering, `${vnet}/virtualNetworkPeerings/${name}`, {
      name,
      remoteVirtualNetwork: { id: remote },
      peeringState: state,
      allowGatewayTransit: r.value(i, side, ['allow_gateway_transit']) === true,
      useRemoteGateways: r.value(i, side, ['use_remote_gateways']) === true,
    });
  }
  azurermFilters(c); // FILTERS.md: network security groups and their associations (azurerm-filters.ts)
  return { inv: c.inv, placement };
}
