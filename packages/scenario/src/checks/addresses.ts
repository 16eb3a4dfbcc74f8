/**
 * Address checks a provider makes at creation: subnets inside their network's address space
 * (AWS, Azure) and not overlapping each other; hosts inside their subnet, not on a reserved
 * address (AWS-R18, AZ-R12, OS-R2) and not sharing an address.
 */
import {
  formatAddress,
  formatPrefix,
  prefixContainsAddress,
  prefixContainsPrefix,
  prefixesOverlap,
} from '@cloudroute/lpm';
import type { Address, Prefix } from '@cloudroute/lpm';
import { reservedSpan } from '@cloudroute/model';
import type { Provider } from '@cloudroute/model';
import type { JsonPath } from '../findings.js';
import { ipv4Offset } from '../internal/ip.js';
import { field, objects, stringField } from '../internal/raw.js';
import { parseAddressValue, refParts } from './topology-index.js';
import type { CheckContext, NetworkEntry, SubnetEntry } from './topology-index.js';

/**
 * How a reserved address is reported per provider: the rule and the reason. How many addresses
 * are reserved is the model's (`reservedSpan`: AWS-R18, AZ-R12, GCP, OpenStack).
 */
const RESERVED: Readonly<Record<Provider, { readonly rule: string; readonly why: string }>> = {
  // AWS-R18: network, VPC router, DNS, reserved, and the broadcast address.
  aws: { rule: 'AWS-R18', why: 'AWS keeps the first four addresses and the last' },
  // AZ-R12: network, default gateway, two for Azure DNS, and the broadcast address.
  azure: { rule: 'AZ-R12', why: 'Azure keeps the first four addresses and the last' },
  // GCP: network, default gateway, the second-to-last and the broadcast address of the primary range.
  gcp: { rule: 'reserved-address', why: 'GCP keeps the first two addresses and the last two' },
  // OpenStack: network and broadcast; the gateway address is checked apart (OS-R2).
  openstack: { rule: 'reserved-address', why: 'the network and broadcast addresses are not assignable' },
};

function checkNetworkRanges(ctx: CheckContext, net: NetworkEntry): void {
  const { sink } = ctx;
  net.cidrs.forEach((c, i) => {
    const other = net.cidrs.slice(0, i).find((o) => prefixesOverlap(o.prefix, c.prefix));
    if (other !== undefined)
      sink.error(
        c.path,
        'overlapping-cidrs',
        `${formatPrefix(c.prefix)} overlaps ${formatPrefix(other.prefix)} of network ${net.name} — a network's cidrs are disjoint; remove one`,
      );
  });
  const subnets = [...net.subnets.values()].filter(
    (s): s is SubnetEntry & { cidr: Prefix } => s.cidr !== undefined,
  );
  subnets.forEach((s, i) => {
    const cidrPath = [...s.path, 'cidr'];
    if (
      (net.provider === 'aws' || net.provider === 'azure') &&
      net.cidrs.length > 0 &&
      !net.cidrs.some((c) => prefixContainsPrefix(c.prefix, s.cidr))
    )
      sink.error(
        cidrPath,
        'subnet-outside-network',
        `subnet ${formatPrefix(s.cidr)} is outside network ${net.name}'s cidrs [${net.cidrs.map((c) => formatPrefix(c.prefix)).join(', ')}] — put it inside them or add a cidr`,
      );
    const other = subnets.slice(0, i).find((o) => prefixesOverlap(o.cidr, s.cidr));
    if (other !== undefined)
      sink.error(
        cidrPath,
        'overlapping-subnets',
        `subnet ${s.name} (${formatPrefix(s.cidr)}) overlaps subnet ${other.name} (${formatPrefix(other.cidr)}) of network ${net.name} — give each subnet a range of its own`,
      );
  });
}

/** The default gateway address of an OpenStack subnet (OS-R2: the first host address unless set). */
function openstackGateway(subnet: SubnetEntry): Address | undefined | null {
  const written = field(subnet.raw, 'gatewayIp');
  if (written === null) return null;
  if (written !== undefined) return parseAddressValue(written);
  return subnet.cidr?.family === 4 ? { family: 4, value: subnet.cidr.network + 1 } : undefined;
}

function checkAddress(
  ctx: CheckContext,
  net: NetworkEntry,
  subnet: SubnetEntry,
  ip: Address,
  path: JsonPath,
  owner: string,
): void {
  const cidr = subnet.cidr;
  if (cidr === undefined) return;
  const text = formatAddress(ip);
  if (!prefixContainsAddress(cidr, ip)) {
    ctx.sink.error(
      path,
      'ip-outside-subnet',
      `${text} is outside subnet ${subnet.name} (${formatPrefix(cidr)}) — pick an address inside it or change the subnet`,
    );
    return;
  }
  if (net.provider === undefined) return;
  const reserved = { ...RESERVED[net.provider], ...reservedSpan(net.provider) };
  const at = ipv4Offset(cidr, ip);
  if (
    at !== undefined &&
    at.size > reserved.first + reserved.last &&
    (at.offset < reserved.first || at.offset >= at.size - reserved.last)
  ) {
    const lo = formatAddress({ family: 4, value: cidr.family === 4 ? cidr.network + reserved.first : 0 });
    const hi = formatAddress({
      family: 4,
      value: cidr.family === 4 ? cidr.network + at.size - reserved.last - 1 : 0,
    });
    ctx.sink.error(
      path,
      reserved.rule,
      `${text} is reserved in subnet ${subnet.name} (${formatPrefix(cidr)}): ${reserved.why} — use ${lo} to ${hi}`,
    );
    return;
  }
  if (net.provider === 'openstack') {
    const gw = openstackGateway(subnet);
    if (gw !== null && gw !== undefined && formatAddress(gw) === text)
      ctx.sink.error(
        path,
        'OS-R2',
        `${text} is the gateway address of subnet ${subnet.name} (OS-R2) — give ${owner} another address`,
      );
  }
}

function checkHosts(ctx: CheckContext, net: NetworkEntry): void {
  const used = new Map<string, string>();
  const claim = (ip: Address, path: JsonPath, owner: string): void => {
    const text = formatAddress(ip);
    const first = used.get(text);
    if (first !== undefined)
      ctx.sink.error(
        path,
        'duplicate-address',
        `${text} is already the address of ${first} — give ${owner} an address of its own`,
      );
    else used.set(text, owner);
  };
  for (const host of net.hosts.values()) {
    const subnet = net.subnets.get(stringField(host.raw, 'subnet') ?? '');
    const ip = parseAddressValue(field(host.raw, 'ip'));
    if (ip !== undefined) {
      if (subnet !== undefined) checkAddress(ctx, net, subnet, ip, [...host.path, 'ip'], `host ${host.name}`);
      claim(ip, [...host.path, 'ip'], `host ${host.name}`);
    }
    if (net.provider === 'openstack') {
      const hasShorthand = field(host.raw, 'subnet') !== undefined || field(host.raw, 'ip') !== undefined;
      const hasPorts = field(host.raw, 'ports') !== undefined;
      if (hasShorthand && hasPorts)
        ctx.sink.error(
          host.path,
          'bad-value',
          `host ${host.name} has both \`subnet\`/\`ip\` and \`ports\` — use \`ports\` only, or the shorthand for one port`,
        );
      else if (!hasPorts && (field(host.raw, 'subnet') === undefined || field(host.raw, 'ip') === undefined))
        ctx.sink.error(
          host.path,
          'missing-field',
          `host ${host.name} has no address — give it \`subnet\` and \`ip\`, or \`ports\``,
        );
    }
    for (const { item, index } of objects(host.raw, 'ports')) {
      const portPath = [...host.path, 'ports', index];
      const ref = stringField(item, 'subnet');
      if (ref === undefined) continue;
      const split = refParts(ref);
      const portNet = split === undefined ? net : ctx.index.networks.get(split.network);
      const portSubnet = portNet?.subnets.get(split === undefined ? ref : split.object);
      if (portNet === undefined || portSubnet === undefined) continue; // reported by the reference checks
      const portIp = parseAddressValue(field(item, 'ip'));
      if (portIp !== undefined)
        checkAddress(ctx, portNet, portSubnet, portIp, [...portPath, 'ip'], `host ${host.name}`);
      if (portIp !== undefined && portNet === net) claim(portIp, [...portPath, 'ip'], `host ${host.name}`);
    }
  }
}

function checkGatewayIps(ctx: CheckContext, net: NetworkEntry): void {
  if (net.provider !== 'openstack') return;
  for (const subnet of net.subnets.values()) {
    const gw = openstackGateway(subnet);
    if (
      gw === null ||
      gw === undefined ||
      subnet.cidr === undefined ||
      field(subnet.raw, 'gatewayIp') === undefined
    )
      continue;
    if (!prefixContainsAddress(subnet.cidr, gw))
      ctx.sink.error(
        [...subnet.path, 'gatewayIp'],
        'ip-outside-subnet',
        `gateway ${formatAddress(gw)} is outside subnet ${subnet.name} (${formatPrefix(subnet.cidr)}) — pick an address inside it`,
      );
  }
}

export function checkAddresses(ctx: CheckContext): void {
  for (const net of ctx.index.networks.values()) {
    checkNetworkRanges(ctx, net);
    checkHosts(ctx, net);
    checkGatewayIps(ctx, net);
  }
}
