/**
 * Terraform azurerm filters (FILTERS.md "Importers", AZ-R25..R33) → network security groups in
 * the flattened CLI shape (`az network nsg show`), and the `networkSecurityGroup: { id }` of the
 * subnets and NICs that use them, so that the Azure builder writes the same
 * `networkSecurityGroups` and references as `import azure`.
 *
 * Resources: `azurerm_network_security_group` (inline `security_rule`),
 * `azurerm_network_security_rule` (by `network_security_group_name` + `resource_group_name`),
 * `azurerm_subnet_network_security_group_association`,
 * `azurerm_network_interface_security_group_association`, a virtual network's inline
 * `subnet { security_group }`, and the 1.x provider's `network_security_group_id` on
 * `azurerm_subnet` and `azurerm_network_interface`. The six default rules are implicit (AZ-R27):
 * none is written. Inline rules and rule resources on one NSG are merged by name, with a warning
 * when both declare rules of their own; links unknown until apply follow the configuration
 * (refs.ts), as everywhere in the importer.
 */
import { arr, obj, str, type JsonObject } from '../internal/json.js';
import type { AzureInventory } from '../azure/inventory.js';
import { idKey } from '../azure/normalize.js';
import type { Warnings } from '../warnings.js';
import type { TfInstance } from './plan.js';
import { UNKNOWN, type Side, type TfResolver } from './refs.js';

type Mutable = Record<string, unknown>;

/** The ARM type of a network security group, as the inventory keys it. */
export const NSG_TYPE = 'microsoft.network/networksecuritygroups';

/** Resource types this file converts. */
export const AZURERM_FILTERS_HANDLED: readonly string[] = [
  'azurerm_network_security_group',
  'azurerm_network_security_rule',
  'azurerm_subnet_network_security_group_association',
  'azurerm_network_interface_security_group_association',
];

/** What `azurerm.ts`'s converter offers (its `AzurermConverter`). */
export interface AzFilterConv {
  readonly r: TfResolver;
  readonly side: Side;
  readonly w: Warnings;
  readonly inv: AzureInventory;
  /** Terraform address → the id standing for the object. */
  readonly idOf: Map<string, string>;
  /** Terraform address → the object put in the inventory. */
  readonly objects: Map<string, Mutable>;
  put(i: TfInstance, type: string, id: string, o: Mutable): void;
  /** A string attribute at `path` (a name or a path into nested blocks). */
  stringAttr(i: TfInstance, path: string | (string | number)[]): string | undefined;
}

/** Where a rule's attributes are read: plan values or configuration constants. */
type Get = (attr: string) => unknown;

interface Rule {
  readonly o: Mutable;
  readonly origin: string;
}

function list(v: unknown): readonly unknown[] {
  return v === UNKNOWN ? [] : arr(v);
}

function text(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function texts(v: unknown): string[] {
  return list(v)
    .map(text)
    .filter((x) => x !== undefined);
}

class NsgFilters {
  readonly r: TfResolver;
  readonly side: Side;
  readonly w: Warnings;

  constructor(readonly c: AzFilterConv) {
    this.r = c.r;
    this.side = c.side;
    this.w = c.w;
  }

  /** The existing instances of a resource type on this side, in plan order. */
  instances(type: string): TfInstance[] {
    return this.r.plan.instances.filter((i) => i.type === type && this.r.exists(i, this.side));
  }

  /** The import id of what an attribute links to (a stand-in for what the plan manages). */
  linkId(i: TfInstance, attr: string): string | undefined {
    const k = this.r.link(i, this.side, attr);
    return k === undefined ? undefined : (this.c.idOf.get(k) ?? k);
  }

  /** One security rule in the flattened CLI shape (`securityRules[]`), or undefined (reported). */
  rule(i: TfInstance, get: Get): Mutable | undefined {
    const name = text(get('name'));
    const priority = get('priority');
    const unknown = ['name', 'priority', 'direction', 'access', 'protocol'].filter((a) => get(a) === UNKNOWN);
    if (name === undefined || typeof priority !== 'number' || unknown.length > 0) {
      this.w.add(
        'unresolved',
        `${i.address}: security rule ${name ?? '?'}: ${unknown.length > 0 ? `${unknown.join(', ')} unknown until apply` : 'no name or priority'} — left out`,
        this.r.file,
      );
      return undefined;
    }
    const one = (a: string): string | undefined => text(get(a));
    const many = (a: string): string[] => texts(get(a));
    const asgs = (a: string): { id: string }[] =>
      list(get(a)).map((x) => ({ id: typeof x === 'string' ? x : '(unknown until apply)' }));
    for (const a of ['source_address_prefixes', 'destination_address_prefixes'])
      if (get(a) === UNKNOWN || list(get(a)).some((x) => x === UNKNOWN || x === null))
        this.w.add(
          'unresolved',
          `${i.address}: security rule ${name}: ${a} is unknown until apply — the known prefixes only`,
          this.r.file,
        );
    const o: Mutable = {
      name,
      priority,
      direction: one('direction'),
      access: one('access'),
      protocol: one('protocol'),
      sourceAddressPrefix: one('source_address_prefix'),
      sourceAddressPrefixes: many('source_address_prefixes'),
      destinationAddressPrefix: one('destination_address_prefix'),
      destinationAddressPrefixes: many('destination_address_prefixes'),
      sourcePortRange: one('source_port_range'),
      sourcePortRanges: many('source_port_ranges'),
      destinationPortRange: one('destination_port_range'),
      destinationPortRanges: many('destination_port_ranges'),
      ...(list(get('source_application_security_group_ids')).length > 0
        ? { sourceApplicationSecurityGroups: asgs('source_application_security_group_ids') }
        : {}),
      ...(list(get('destination_application_security_group_ids')).length > 0
        ? { destinationApplicationSecurityGroups: asgs('destination_application_security_group_ids') }
        : {}),
      ...(one('description') !== undefined ? { description: one('description') } : {}),
      $origin: i.address,
    };
    return o;
  }

  /** The inline `security_rule` set (plan value, else its configuration blocks, else what it was). */
  inline(i: TfInstance, separate: boolean): Rule[] {
    const v = this.r.value(i, this.side, ['security_rule']);
    const keep = (o: Mutable | undefined): Rule[] => (o === undefined ? [] : [{ o, origin: i.address }]);
    if (v !== UNKNOWN)
      return list(v).flatMap((_, k) =>
        keep(this.rule(i, (a) => this.r.value(i, this.side, ['security_rule', k, a]))),
      );
    const blocks = arr(this.r.plan.config.get(i.configKey)?.expressions['security_rule']).map(obj);
    if (blocks.length > 0) {
      this.w.add(
        'assumed',
        `${i.address}: its security rules are unknown until apply — read from its ${blocks.length} security_rule block${blocks.length === 1 ? '' : 's'} in the configuration`,
        this.r.file,
      );
      return blocks.flatMap((b: JsonObject | undefined) =>
        keep(
          this.rule(i, (a) => {
            const e = obj(b?.[a]);
            return e === undefined ? undefined : 'constant_value' in e ? e['constant_value'] : UNKNOWN;
          }),
        ),
      );
    }
    const prior = i.before === undefined ? [] : list(this.r.value(i, 'before', ['security_rule']));
    if (prior.length > 0) {
      this.w.add(
        'unresolved',
        `${i.address}: its security rules are unknown until apply and not in the configuration — kept as before the plan`,
        this.r.file,
      );
      return prior.flatMap((_, k) =>
        keep(this.rule(i, (a) => this.r.value(i, 'before', ['security_rule', k, a]))),
      );
    }
    if (!separate)
      this.w.add(
        'assumed',
        `${i.address}: its security rules are unknown until apply and not in the configuration — none (the default rules only, AZ-R27)`,
        this.r.file,
      );
    return [];
  }

  /** The NSG a rule resource names (`network_security_group_name` + `resource_group_name`). */
  nsgOfRule(i: TfInstance, nsgs: readonly TfInstance[]): TfInstance | undefined {
    const name = this.c.stringAttr(i, 'network_security_group_name');
    const rg = this.c.stringAttr(i, 'resource_group_name');
    const byName = nsgs.filter(
      (x) =>
        name !== undefined &&
        this.c.stringAttr(x, 'name') === name &&
        (rg === undefined ||
          this.c.stringAttr(x, 'resource_group_name') === undefined ||
          this.c.stringAttr(x, 'resource_group_name') === rg),
    );
    if (byName.length === 1) return byName[0];
    const linked = this.r.link(i, this.side, 'network_security_group_name', undefined, undefined, true);
    return nsgs.find((x) => x.address === linked);
  }

  /** A subnet object (a resource or a virtual network's `subnet` block) or a NIC, by its import id. */
  objectWithId(id: string, type: 'subnet' | 'nic'): Mutable | undefined {
    const all = [...this.c.objects.values()];
    const inline =
      type === 'subnet'
        ? all
            .flatMap((o) => arr(o['subnets']).map((x) => obj(x) as Mutable | undefined))
            .filter((x) => x !== undefined)
        : [];
    return [...all, ...inline].find(
      (o) =>
        typeof o['id'] === 'string' &&
        idKey(o['id']) === idKey(id) &&
        (type === 'nic'
          ? o['type'] === 'microsoft.network/networkinterfaces'
          : o['type'] !== 'microsoft.network/networkinterfaces'),
    );
  }

  associate(origin: string, target: Mutable | undefined, targetId: string, nsg: string, what: string): void {
    if (target === undefined) {
      this.w.add(
        'missing-reference',
        `${origin}: ${what} ${targetId} is not imported — association left out`,
        this.r.file,
      );
      return;
    }
    const was = str(obj(target['networkSecurityGroup'])?.['id']);
    if (was !== undefined && idKey(was) !== idKey(nsg))
      this.w.add(
        'malformed',
        `${origin}: ${what} ${targetId} already has network security group ${was} — a ${what} has one (AZ-R25); the first kept`,
        this.r.file,
      );
    else target['networkSecurityGroup'] = { id: nsg };
  }

  run(): void {
    const nsgs = this.instances('azurerm_network_security_group');
    const separate = new Map<string, Rule[]>();
    for (const i of this.instances('azurerm_network_security_rule')) {
      const nsg = this.nsgOfRule(i, nsgs);
      if (nsg === undefined) {
        this.w.add(
          'missing-reference',
          `${i.address}: network security group ${this.c.stringAttr(i, 'network_security_group_name') ?? '?'} is not in the plan — rule left out`,
          this.r.file,
        );
        continue;
      }
      const o = this.rule(i, (a) => this.r.value(i, this.side, [a]));
      if (o !== undefined)
        separate.set(nsg.address, [...(separate.get(nsg.address) ?? []), { o, origin: i.address }]);
    }
    // A rule resource the plan deletes is still listed inline by its NSG's prior state: dropped.
    const gone = new Map<string, Set<string>>();
    if (this.side === 'after')
      for (const i of this.r.plan.instances) {
        if (
          i.type !== 'azurerm_network_security_rule' ||
          !this.r.exists(i, 'before') ||
          this.r.exists(i, 'after')
        )
          continue;
        const nsgName = this.r.string(i, 'before', ['network_security_group_name']);
        const rg = this.r.string(i, 'before', ['resource_group_name']);
        const name = this.r.string(i, 'before', ['name']);
        const nsg = nsgs.find(
          (x) =>
            this.c.stringAttr(x, 'name') === nsgName &&
            (rg === undefined || this.c.stringAttr(x, 'resource_group_name') === rg),
        );
        if (nsg !== undefined && name !== undefined)
          gone.set(nsg.address, new Set([...(gone.get(nsg.address) ?? []), name]));
      }
    for (const i of nsgs) {
      const sep = separate.get(i.address) ?? [];
      const dropped = gone.get(i.address) ?? new Set<string>();
      const inline = this.inline(i, sep.length > 0).filter((x) => !dropped.has(String(x.o['name'])));
      const byName = new Map<string, Rule>();
      for (const rule of [...inline, ...sep]) {
        const name = String(rule.o['name']);
        const was = byName.get(name);
        const strip = (o: Mutable): string => JSON.stringify({ ...o, $origin: undefined });
        if (was === undefined) byName.set(name, rule);
        else if (strip(was.o) !== strip(rule.o))
          this.w.add(
            'malformed',
            `${rule.origin}: security rule ${name} is also an inline rule of ${i.address} with other values — kept the inline one`,
            this.r.file,
          );
      }
      const covered = new Set(sep.map((x) => String(x.o['name'])));
      if (sep.length > 0 && inline.some((x) => !covered.has(String(x.o['name']))))
        this.w.add(
          'assumed',
          `${i.address}: inline security_rule blocks and rule resources (${[...new Set(sep.map((x) => x.origin))].join(', ')}) on one network security group — merged; the provider documents that the two overwrite each other at the next apply`,
          this.r.file,
        );
      const rules = [...byName.values()].map((x) => x.o);
      this.c.put(i, NSG_TYPE, `/terraform/${i.address}`, {
        name: this.c.stringAttr(i, 'name'),
        securityRules: rules,
      });
    }
    for (const i of this.instances('azurerm_subnet_network_security_group_association')) {
      const subnet = this.linkId(i, 'subnet_id');
      const nsg = this.linkId(i, 'network_security_group_id');
      if (subnet === undefined || nsg === undefined) continue;
      this.associate(i.address, this.objectWithId(subnet, 'subnet'), subnet, nsg, 'subnet');
    }
    for (const i of this.instances('azurerm_network_interface_security_group_association')) {
      const nic = this.linkId(i, 'network_interface_id');
      const nsg = this.linkId(i, 'network_security_group_id');
      if (nic === undefined || nsg === undefined) continue;
      this.associate(i.address, this.objectWithId(nic, 'nic'), nic, nsg, 'network interface');
    }
    // The 1.x provider's `network_security_group_id` on subnets and NICs (removed in 2.0).
    for (const [type, what] of [
      ['azurerm_subnet', 'subnet'],
      ['azurerm_network_interface', 'network interface'],
    ] as const)
      for (const i of this.instances(type)) {
        if (
          !this.r.configured(i, 'network_security_group_id') &&
          this.c.stringAttr(i, 'network_security_group_id') === undefined
        )
          continue;
        const nsg = this.linkId(i, 'network_security_group_id');
        const id = this.c.idOf.get(i.address);
        if (nsg !== undefined && id !== undefined)
          this.associate(i.address, this.c.objects.get(i.address), id, nsg, what);
      }
    // A virtual network's inline subnets: `security_group` (an NSG id).
    for (const i of this.instances('azurerm_virtual_network')) {
      const vnet = this.c.objects.get(i.address);
      list(this.r.value(i, this.side, ['subnet'])).forEach((_, k) => {
        const v = this.r.value(i, this.side, ['subnet', k, 'security_group']);
        if (v === UNKNOWN) {
          this.w.add(
            'unresolved',
            `${i.address}: subnet ${this.c.stringAttr(i, ['subnet', k, 'name']) ?? k}: security_group is unknown until apply — left out`,
            this.r.file,
          );
          return;
        }
        const id = text(v);
        if (id === undefined) return;
        const key = this.r.addressOfId(id, this.side);
        const nsg = key === undefined ? id : (this.c.idOf.get(key) ?? id);
        const sub = obj(arr(vnet?.['subnets'])[k]) as Mutable | undefined;
        if (sub !== undefined) this.associate(i.address, sub, String(sub['id']), nsg, 'subnet');
      });
    }
  }
}

/** Network security groups and their associations of a plan side → Azure inventory objects. */
export function azurermFilters(c: AzFilterConv): void {
  new NsgFilters(c).run();
}
