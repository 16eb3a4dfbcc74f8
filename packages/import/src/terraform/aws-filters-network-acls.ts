/** Terraform AWS network ACLs: entries inline and as rule resources, subnet associations, the default NACL. */
import { str } from '../internal/json.js';
import type { TfInstance } from './plan.js';
import { UNKNOWN } from './refs.js';
import { list, portOf, type Dir, type Filters, type Mutable, type Source } from './aws-filters-shared.js';

interface NaclEntry {
  readonly o: Mutable;
  readonly origin: string;
}

/** NACL protocol as describe-network-acls writes it: a number string (`"6"`, `"-1"`). */
function naclProtocol(v: unknown): string | undefined {
  const p = (typeof v === 'number' ? String(v) : (str(v) ?? '')).trim().toLowerCase();
  const numbers: Record<string, string> = { all: '-1', tcp: '6', udp: '17', icmp: '1', icmpv6: '58' };
  if (numbers[p] !== undefined) return numbers[p];
  return /^-?\d+$/.test(p) ? p : undefined;
}

/** A NACL entry record (describe-network-acls) from a rule's attributes. */
function naclEntry(
  f: Filters,
  i: TfInstance,
  src: Source,
  egress: boolean,
  names: { rule: string; action: string },
): Mutable | undefined {
  const ruleNumber = portOf(src.get(names.rule));
  const protocol = naclProtocol(src.get('protocol'));
  const action = str(src.get(names.action))?.toLowerCase();
  const nonEmpty = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const cidr = nonEmpty(src.get('cidr_block'));
  const cidr6 = nonEmpty(src.get('ipv6_cidr_block'));
  const dir = egress ? 'egress' : 'ingress';
  if (ruleNumber === undefined || protocol === undefined || (action !== 'allow' && action !== 'deny')) {
    f.w.add(
      'unresolved',
      `${i.address}: a ${dir} entry whose number, protocol or action is unknown (${String(src.get(names.rule))}, ${String(src.get('protocol'))}, ${String(src.get(names.action))}) — left out`,
      f.r.file,
    );
    return undefined;
  }
  if (cidr === undefined && cidr6 === undefined) {
    f.w.add(
      'unresolved',
      `${i.address}: ${dir} entry ${ruleNumber}: its CIDR block is unknown until apply — left out`,
      f.r.file,
    );
    return undefined;
  }
  const ported = protocol === '6' || protocol === '17';
  const icmp = protocol === '1' || protocol === '58';
  const from = portOf(src.get('from_port'));
  const to = portOf(src.get('to_port'));
  return {
    RuleNumber: ruleNumber,
    Protocol: protocol,
    RuleAction: action,
    Egress: egress,
    ...(cidr !== undefined ? { CidrBlock: cidr } : { Ipv6CidrBlock: cidr6 }),
    ...(ported && from !== undefined && to !== undefined ? { PortRange: { From: from, To: to } } : {}),
    ...(icmp
      ? {
          IcmpTypeCode: {
            Type: portOf(src.get('icmp_type')) ?? -1,
            Code: portOf(src.get('icmp_code')) ?? -1,
          },
        }
      : {}),
  };
}

function inlineNacl(f: Filters, i: TfInstance, dir: Dir, separate: boolean): NaclEntry[] {
  const names = { rule: 'rule_no', action: 'action' };
  const v = f.r.value(i, f.side, [dir]);
  const one = (src: Source): NaclEntry[] => {
    const e = naclEntry(f, i, src, dir === 'egress', names);
    return e === undefined ? [] : [{ o: e, origin: i.address }];
  };
  if (v !== UNKNOWN)
    return list(v).flatMap((_, k) => one({ get: (a) => f.valueAt(i, [dir, k, a]), expr: () => undefined }));
  const sources = f.unknownInline(i, dir, 'entries');
  if (sources !== undefined) return sources.flatMap(one);
  if (!separate)
    f.w.add(
      'assumed',
      `${i.address}: its ${dir} entries are unknown until apply and not in the configuration — none (only the * rule, AWS-R40; a dynamic block would be missed)`,
      f.r.file,
    );
  return [];
}

/** The network ACLs of a plan side and their subnets (AWS-R39, AWS-R40) → inventory records. */
export function networkAcls(f: Filters): void {
  const acls = [...f.instances('aws_network_acl'), ...f.instances('aws_default_network_acl')];
  const separate = new Map<string, NaclEntry[]>();
  const aclTypes = ['aws_network_acl', 'aws_default_network_acl'];
  for (const i of f.instances('aws_network_acl_rule')) {
    const src: Source = {
      get: (a) => f.r.value(i, f.side, [a]),
      expr: (a) => f.r.expression(i, a),
    };
    const acl = f.linkOne(i, src, 'network_acl_id', aclTypes);
    if (acl === undefined) continue;
    if (!acls.some((x) => x.address === acl)) {
      f.w.add(
        'missing-reference',
        `${i.address}: network ACL ${acl} is not in the plan — rule left out`,
        f.r.file,
      );
      continue;
    }
    const e = naclEntry(f, i, src, f.r.value(i, f.side, ['egress']) === true, {
      rule: 'rule_number',
      action: 'rule_action',
    });
    if (e !== undefined) separate.set(acl, [...(separate.get(acl) ?? []), { o: e, origin: i.address }]);
  }
  // A rule resource the plan deletes is still listed inline by its NACL's prior state: dropped.
  const gone = new Map<string, Set<string>>();
  if (f.side === 'after') {
    const prior = f.before();
    for (const i of f.r.plan.instances) {
      if (i.type !== 'aws_network_acl_rule' || !f.r.exists(i, 'before') || f.r.exists(i, 'after')) continue;
      const src: Source = {
        get: (a) => f.r.value(i, 'before', [a]),
        expr: (a) => f.r.expression(i, a),
      };
      const acl = prior.linkOne(i, src, 'network_acl_id', aclTypes);
      const e = naclEntry(prior, i, src, f.r.value(i, 'before', ['egress']) === true, {
        rule: 'rule_number',
        action: 'rule_action',
      });
      if (acl !== undefined && e !== undefined)
        gone.set(acl, new Set([...(gone.get(acl) ?? []), JSON.stringify(e)]));
    }
  }
  // Subnet associations: subnet_ids, then aws_network_acl_association; one NACL per subnet (AWS-R40).
  const assoc = new Map<string, { acl: string; origin: string }>();
  const associate = (subnet: string, acl: string, origin: string): void => {
    const was = assoc.get(subnet);
    if (was !== undefined && was.acl !== acl) {
      f.w.add(
        'malformed',
        `${origin}: subnet ${subnet} is already associated with ${was.acl} (${was.origin}) — a subnet has one network ACL (AWS-R40); the first kept`,
        f.r.file,
      );
      return;
    }
    assoc.set(subnet, { acl, origin });
  };
  const subnetsOf = (i: TfInstance): string[] =>
    f.linkList(
      i,
      f.valueAt(i, ['subnet_ids']),
      f.r.expression(i, 'subnet_ids'),
      ['aws_subnet'],
      'subnet_ids',
    );
  for (const i of f.instances('aws_network_acl'))
    for (const s of subnetsOf(i)) associate(s, i.address, i.address);
  for (const i of f.instances('aws_network_acl_association')) {
    const src: Source = {
      get: (a) => f.r.value(i, f.side, [a]),
      expr: (a) => f.r.expression(i, a),
    };
    const acl = f.linkOne(i, src, 'network_acl_id', aclTypes);
    const subnet = f.linkOne(i, src, 'subnet_id', ['aws_subnet']);
    if (acl !== undefined && subnet !== undefined) associate(subnet, acl, i.address);
  }
  for (const i of f.instances('aws_default_network_acl'))
    for (const s of subnetsOf(i)) associate(s, i.address, i.address);
  for (const i of acls) {
    const isDefault = i.type === 'aws_default_network_acl';
    const vpc = isDefault ? defaultAclVpc(f, i) : f.vpcOf(i);
    if (vpc === undefined) continue;
    const sep = separate.get(i.address) ?? [];
    const dropped = gone.get(i.address) ?? new Set<string>();
    const inline = [
      ...inlineNacl(
        f,
        i,
        'ingress',
        sep.some((e) => e.o['Egress'] === false),
      ),
      ...inlineNacl(
        f,
        i,
        'egress',
        sep.some((e) => e.o['Egress'] === true),
      ),
    ].filter((e) => !dropped.has(JSON.stringify(e.o)));
    const entries = new Map<string, NaclEntry>();
    const same = (a: Mutable, b: Mutable): boolean => JSON.stringify(a) === JSON.stringify(b);
    let own = false;
    for (const e of [...inline, ...sep]) {
      const k = `${String(e.o['Egress'])}/${String(e.o['RuleNumber'])}`;
      const was = entries.get(k);
      if (was === undefined) entries.set(k, e);
      else if (!same(was.o, e.o))
        f.w.add(
          'malformed',
          `${e.origin}: ${e.o['Egress'] === true ? 'egress' : 'ingress'} rule ${String(e.o['RuleNumber'])} is also an inline entry of ${i.address} with other values — kept the inline one (AWS-R40: one entry per number and direction)`,
          f.r.file,
        );
    }
    if (sep.length > 0) {
      const covered = new Set(sep.map((e) => JSON.stringify(e.o)));
      if (inline.some((e) => !covered.has(JSON.stringify(e.o)))) own = true;
    }
    if (own)
      f.w.add(
        'assumed',
        `${i.address}: inline ingress/egress entries and rule resources (${[...new Set(sep.map((e) => e.origin))].join(', ')}) on one network ACL — merged; the provider documents that the two overwrite each other at the next apply`,
        f.r.file,
      );
    const o: Mutable = {
      NetworkAclId: i.address,
      VpcId: vpc,
      IsDefault: isDefault,
      Associations: [],
      Entries: [...entries.values()]
        .map((e) => e.o)
        .sort(
          (a, b) =>
            Number(a['Egress']) - Number(b['Egress']) || Number(a['RuleNumber']) - Number(b['RuleNumber']),
        ),
      Tags: f.c.tags(i),
    };
    f.acls.set(i.address, { o, vpc, i });
  }
  for (const [subnet, { acl, origin }] of assoc) {
    const a = f.acls.get(acl);
    if (a === undefined) continue;
    (a.o['Associations'] as Mutable[]).push({ SubnetId: subnet, $origin: origin });
  }
  // AWS-R40: a subnet no other NACL takes is the default NACL's (no warning: that is Terraform's normal case).
  for (const a of f.acls.values()) {
    if (a.o['IsDefault'] !== true) continue;
    for (const [subnet, rec] of f.c.inv.byKey.Subnets)
      if (str(rec.o['VpcId']) === a.vpc && !assoc.has(subnet))
        (a.o['Associations'] as Mutable[]).push({ SubnetId: subnet, $origin: a.i.address });
  }
  for (const a of f.acls.values()) f.c.inv.put('NetworkAcls', f.c.record(a.i, a.o), f.w);
}

/** The VPC whose default NACL an `aws_default_network_acl` adopts (`default_network_acl_id`). */
function defaultAclVpc(f: Filters, i: TfInstance): string | undefined {
  const id = f.c.stringAttr(i, 'default_network_acl_id');
  if (id !== undefined)
    for (const v of f.instances('aws_vpc'))
      if (f.r.string(v, f.side, ['default_network_acl_id']) === id && f.c.inv.byKey.Vpcs.has(v.address))
        return v.address;
  const linked = f.r.link(i, f.side, 'default_network_acl_id', undefined, undefined, true);
  if (linked !== undefined && f.c.inv.byKey.Vpcs.has(linked)) return linked;
  const vpc = f.r.link(i, f.side, 'vpc_id', undefined, undefined, true);
  if (vpc !== undefined && f.c.inv.byKey.Vpcs.has(vpc)) return vpc;
  f.w.add(
    'unresolved',
    `${i.address}: the VPC of default_network_acl_id${id !== undefined ? ` (${id})` : ''} is not in the plan or cannot be followed — skipped`,
    f.r.file,
  );
  return undefined;
}
