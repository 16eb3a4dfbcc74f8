/**
 * AWS filters (FILTERS.md "Importers", AWS-R34..R44): `describe-security-groups` → each VPC's
 * `securityGroups` (and the `prefixLists` their rules name), `describe-network-acls` → its
 * `networkAcls` and the subnets' `networkAcl`, the interfaces' `Groups[]` → hosts'
 * `securityGroups`. Traps (IMPORTERS.md): an SG permission names its protocol (`"tcp"`, `"-1"`), a
 * NACL entry numbers it (`"6"`, `"-1"`); ICMP `FromPort`/`ToPort` are type and code; entries
 * 32767/32768 are the implicit `*` rules; a subnet in no NACL's `Associations` uses the VPC's
 * `IsDefault` one; NAT-gateway interfaces carry no group (they are no host).
 */
import type { DNaclEntry, DNetwork, DNetworkAcl, DProtocol, DSecurityGroup, DSgRule } from '../draft.js';
import { sanitizeName } from '../names.js';
import { arr, bool, nameTag, num, obj, str, type JsonObject } from '../internal/json.js';
import { canonicalPrefix } from '../internal/ip.js';
import type { AwsContext } from './context.js';
import type { AwsRecord } from './inventory.js';

const NAMED: Readonly<Record<string, DProtocol>> = {
  '-1': 'all',
  all: 'all',
  tcp: 'tcp',
  '6': 'tcp',
  udp: 'udp',
  '17': 'udp',
  icmp: 'icmp',
  '1': 'icmp',
  icmpv6: 58,
};

/** An SG `IpProtocol` (a name or a number) or a NACL `Protocol` (a number string) → scenario protocol. */
export function awsProtocol(v: unknown): DProtocol | undefined {
  const t = typeof v === 'number' ? String(v) : str(v)?.toLowerCase();
  if (t === undefined) return undefined;
  const named = NAMED[t];
  if (named !== undefined) return named;
  const n = /^\d{1,3}$/.test(t) ? Number(t) : NaN;
  return n >= 0 && n <= 255 ? n : undefined;
}

/** A port range as the scenario writes it (`22`, `"1024-65535"`); undefined = every port. */
function portText(from: number | undefined, to: number | undefined): number | string | undefined {
  if (from === undefined || from < 0) return undefined;
  const hi = to === undefined || to < 0 ? from : to;
  if (from === 0 && hi === 65535) return undefined;
  return from === hi ? from : `${from}-${hi}`;
}

/** The protocol-dependent fields: ports (tcp, udp) or ICMP type and code (`-1` = all, not written). */
function match(
  protocol: DProtocol,
  from: number | undefined,
  to: number | undefined,
): Pick<DSgRule, 'port' | 'icmpType' | 'icmpCode'> {
  if (protocol === 'tcp' || protocol === 'udp') {
    const port = portText(from, to);
    return port === undefined ? {} : { port };
  }
  if (protocol === 'icmp')
    return {
      ...(from !== undefined && from >= 0 ? { icmpType: from } : {}),
      // A code without a type means nothing (AWS writes `-1` for both).
      ...(from !== undefined && from >= 0 && to !== undefined && to >= 0 ? { icmpCode: to } : {}),
    };
  return {};
}

/** A prefix list of the network, by its id (one copy per VPC that names it, AWS-R38). */
function prefixList(c: AwsContext, net: DNetwork, pl: string): string | undefined {
  const key = `${pl}@${net.key}`;
  if (net.prefixLists?.some((p) => p.key === key) === true) return key;
  const cidrs = c.inv.prefixLists.get(pl);
  if (cidrs === undefined) return undefined;
  const canon = [...new Set(cidrs.map((x) => canonicalPrefix(x)).filter((x) => x !== undefined))];
  const name = c.inv.prefixListNames.get(pl);
  (net.prefixLists ??= []).push({
    key,
    id: pl,
    names: name === undefined ? [] : [name, sanitizeName(name)],
    cidrs: canon,
  });
  return key;
}

/** One security-group permission → one rule per range, list or group (FILTERS.md "Importers"). */
function permissionRules(
  c: AwsContext,
  net: DNetwork,
  rec: AwsRecord,
  p: JsonObject,
  where: readonly (string | number)[],
): DSgRule[] {
  const protocol = awsProtocol(p['IpProtocol']);
  const gid = str(rec.o['GroupId']) ?? '?';
  if (protocol === undefined) {
    c.warn(
      rec,
      'unknown-value',
      `security group ${gid}: protocol ${JSON.stringify(p['IpProtocol'])} is not an IP protocol — rule skipped`,
      where,
    );
    return [];
  }
  const base = { protocol, ...match(protocol, num(p['FromPort']), num(p['ToPort'])) };
  const out: DSgRule[] = [];
  for (const r of arr(p['IpRanges'])) {
    const cidr = canonicalPrefix(str(obj(r)?.['CidrIp']));
    if (cidr !== undefined) out.push({ ...base, cidr });
  }
  for (const r of arr(p['Ipv6Ranges'])) {
    const cidr = canonicalPrefix(str(obj(r)?.['CidrIpv6']));
    if (cidr !== undefined) out.push({ ...base, cidr });
  }
  for (const r of arr(p['PrefixListIds'])) {
    const pl = str(obj(r)?.['PrefixListId']);
    if (pl === undefined) continue;
    const key = prefixList(c, net, pl);
    if (key === undefined)
      c.warn(
        rec,
        'missing-reference',
        `security group ${gid}: prefix list ${pl} has no CIDRs in the input — rule skipped (add describe-prefix-lists or get-managed-prefix-list-entries)`,
        where,
      );
    else out.push({ ...base, prefixList: key });
  }
  for (const r of arr(p['UserIdGroupPairs'])) {
    const pair = obj(r);
    const other = str(pair?.['GroupId']);
    if (other === undefined) continue;
    // AWS-R37: a group of a peered VPC is referenced as `net/sg` (the writer's path).
    if (!c.inv.byKey.SecurityGroups.has(other)) {
      const pcx = str(pair?.['VpcPeeringConnectionId']);
      c.warn(
        rec,
        'missing-reference',
        `security group ${gid}: group ${other}${pcx !== undefined ? ` (over ${pcx})` : ''} is not in the input — rule skipped`,
        where,
      );
    } else out.push({ ...base, securityGroup: other });
  }
  return out;
}

function buildSecurityGroups(c: AwsContext): Set<string> {
  const built = new Set<string>();
  const groups: { g: DSecurityGroup; rec: AwsRecord; net: DNetwork }[] = [];
  for (const [id, rec] of c.inv.byKey.SecurityGroups) {
    const vpc = str(rec.o['VpcId']);
    if (vpc === undefined) {
      c.warn(rec, 'unsupported', `security group ${id} belongs to no VPC (EC2-Classic) — skipped`);
      continue;
    }
    const net = c.network(rec, vpc, `security group ${id}`);
    if (net === undefined) continue;
    const gname = str(rec.o['GroupName']);
    // `default` stays `default` (it redefines the VPC's default group, AWS-R34); no other group may take it.
    const names =
      gname === 'default'
        ? ['default']
        : [gname, gname === undefined ? undefined : sanitizeName(gname), nameTag(rec.o)].filter(
            (n): n is string => n !== undefined && n !== 'default',
          );
    const g: DSecurityGroup = {
      key: id,
      id: c.idOf(rec, id),
      names,
      inbound: [],
      outbound: [],
      ...(rec.origin !== undefined ? { origin: rec.origin } : {}),
    };
    (net.securityGroups ??= []).push(g);
    groups.push({ g, rec, net });
    built.add(id);
  }
  // Rules second: a rule may name a group listed after its own.
  for (const { g, rec, net } of groups)
    for (const [field, list] of [
      ['IpPermissions', g.inbound],
      ['IpPermissionsEgress', g.outbound],
    ] as const)
      arr(rec.o[field]).forEach((x, i) => {
        const p = obj(x);
        if (p !== undefined) list.push(...permissionRules(c, net, rec, p, [field, i]));
      });
  return built;
}

/** One NACL entry, or undefined for the implicit `*` rules and what cannot be read. */
function naclEntry(c: AwsContext, rec: AwsRecord, e: JsonObject, i: number): DNaclEntry | undefined {
  const n = num(e['RuleNumber']);
  const id = str(rec.o['NetworkAclId']) ?? '?';
  // AWS-R40: 32767 (IPv4) and 32768 (IPv6) are the `*` rules, implicit in the scenario.
  if (n !== undefined && n >= 32767) return undefined;
  const protocol = awsProtocol(e['Protocol']);
  const cidr = canonicalPrefix(str(e['CidrBlock']) ?? str(e['Ipv6CidrBlock']));
  const action = str(e['RuleAction'])?.toLowerCase();
  if (
    n === undefined ||
    n < 1 ||
    protocol === undefined ||
    cidr === undefined ||
    (action !== 'allow' && action !== 'deny')
  ) {
    c.warn(rec, 'malformed', `network ACL ${id}: entry ${n ?? '?'} cannot be read — skipped`, ['Entries', i]);
    return undefined;
  }
  const ports = obj(e['PortRange']);
  const icmp = obj(e['IcmpTypeCode']);
  const m =
    protocol === 'icmp'
      ? match(protocol, num(icmp?.['Type']), num(icmp?.['Code']))
      : match(protocol, num(ports?.['From']), num(ports?.['To']));
  return { ruleNumber: n, protocol, ...m, cidr, action };
}

function buildNetworkAcls(c: AwsContext): void {
  /** Subnet id → the NACL key it is associated with. */
  const assoc = new Map<string, string>();
  const vpcs = new Set<string>();
  for (const [id, rec] of c.inv.byKey.NetworkAcls) {
    const net = c.network(rec, str(rec.o['VpcId']), `network ACL ${id}`);
    if (net === undefined) continue;
    vpcs.add(net.key);
    const acl: DNetworkAcl = {
      key: id,
      id: c.idOf(rec, id),
      names: [nameTag(rec.o)].filter((n) => n !== undefined),
      inbound: [],
      outbound: [],
      ...(bool(rec.o['IsDefault']) === true ? { default: true } : {}),
      ...(rec.origin !== undefined ? { origin: rec.origin } : {}),
    };
    arr(rec.o['Entries']).forEach((x, i) => {
      const e = obj(x);
      const entry = e === undefined ? undefined : naclEntry(c, rec, e, i);
      if (e === undefined || entry === undefined) return;
      const list = bool(e['Egress']) === true ? acl.outbound : acl.inbound;
      // AWS-R40: one number per direction (a stale copy in a second file would repeat it).
      if (list.some((y) => y.ruleNumber === entry.ruleNumber))
        c.warn(rec, 'malformed', `network ACL ${id}: rule ${entry.ruleNumber} repeated — kept the first`, [
          'Entries',
          i,
        ]);
      else list.push(entry);
    });
    acl.inbound.sort((a, b) => a.ruleNumber - b.ruleNumber);
    acl.outbound.sort((a, b) => a.ruleNumber - b.ruleNumber);
    if (acl.default === true && net.networkAcls?.some((a) => a.default === true)) {
      c.warn(
        rec,
        'malformed',
        `network ACL ${id}: ${net.key} already has a default network ACL — imported as not default`,
      );
      delete acl.default;
    }
    (net.networkAcls ??= []).push(acl);
    arr(rec.o['Associations']).forEach((x, i) => {
      const sid = str(obj(x)?.['SubnetId']);
      if (sid === undefined) return;
      const sub = c.subnets.get(sid);
      if (sub === undefined || sub.net !== net) return;
      const before = assoc.get(sid);
      if (before !== undefined && before !== id)
        c.warn(rec, 'malformed', `subnet ${sid} is associated with ${before} and ${id} — kept ${before}`, [
          'Associations',
          i,
        ]);
      else assoc.set(sid, id);
    });
  }
  for (const [sid, { net, s }] of c.subnets) {
    if (!vpcs.has(net.key)) continue;
    const acl = assoc.get(sid);
    if (acl !== undefined) {
      s.networkAcl = acl;
      continue;
    }
    const def = net.networkAcls?.find((a) => a.default === true);
    if (def !== undefined) {
      s.networkAcl = def.key;
      c.w.note(
        'assumed',
        `subnet ${sid} is in no network ACL's Associations: it uses ${net.key}'s default network ACL ${def.id ?? def.key} [AWS-R40]`,
      );
    } else
      c.w.note(
        'missing-reference',
        `subnet ${sid} is in no network ACL's Associations and ${net.key} has no default network ACL in the input — imported without one (allow-all)`,
      );
  }
}

/** Hosts' `securityGroups` from their interfaces' `Groups[]` (AWS-R35); the default group is written too. */
function assignHostGroups(c: AwsContext, built: ReadonlySet<string>): void {
  let unknown = 0;
  for (const net of c.nets.values())
    for (const h of net.hosts) {
      const entry = c.hostGroups.get(h.key);
      if (entry === undefined) continue;
      if (entry.groups.length === 0) {
        // A load balancer's or an endpoint's interface may have none; a scenario host always has one.
        c.warn(
          entry.rec,
          'assumed',
          `network interface ${h.key} lists no security group — written without \`securityGroups\`, so it is in its VPC's default group [AWS-R36]`,
        );
        continue;
      }
      if (built.size === 0) {
        unknown++;
        continue;
      }
      const known = entry.groups.filter((g) => built.has(g));
      const missing = entry.groups.filter((g) => !built.has(g));
      if (missing.length > 0)
        c.warn(
          entry.rec,
          'missing-reference',
          `network interface ${h.key}: security group${missing.length === 1 ? '' : 's'} ${missing.join(', ')} not in the input — ${known.length > 0 ? 'left out of its groups' : "its groups are not written (it gets its VPC's default group)"}`,
        );
      // AWS-R36: at least one group; an interface none of whose groups was imported keeps the default.
      if (known.length > 0) h.securityGroups = [...new Set(known)];
    }
  if (unknown > 0)
    c.w.note(
      'missing-reference',
      `${unknown} network interface${unknown === 1 ? '' : 's'} name security groups, but no describe-security-groups output is in the input — their groups are not imported`,
    );
}

/** Security groups, prefix lists, network ACLs and the hosts' groups of every imported VPC. */
export function buildFilters(c: AwsContext): void {
  const built = buildSecurityGroups(c);
  buildNetworkAcls(c);
  assignHostGroups(c, built);
}
