/**
 * What to say about a field that does not belong where it is written: another provider's field
 * (with that provider's equivalent here), another gateway kind's field, a near-miss spelling
 * (did you mean), or the list of fields the object takes.
 */
import type { Provider } from '@cloudroute/model';
import { listNames } from './internal/describe.js';
import { suggest } from './internal/suggest.js';
import { A_PROVIDER, PROVIDER_NAMES, knownObjects } from './schema/registry.js';
import type { KnownObject, ObjectContext } from './schema/registry.js';

type Hint = (provider: Provider) => string | undefined;

/** A filter list written on a network of a provider that has another vocabulary. */
const networkFilter =
  (field: string): Hint =>
  (p) =>
    `\`${field}\` is not ${A_PROVIDER[p]} network field — ${FILTER_EQUIVALENT.networkFilters[p] ?? ''}`;

const interfaceOnly =
  (field: string): Hint =>
  (p) =>
    p === 'openstack'
      ? undefined
      : `\`${field}\` is an OpenStack field — ${A_PROVIDER[p]} host has one interface: \`subnet\` and \`ip\``;

/** Hand-written hints where a provider has an equivalent of another provider's field. */
const SPECIFIC: Partial<Record<ObjectContext, Readonly<Record<string, Hint>>>> = {
  host: {
    sourceDestCheck: (p) =>
      ({
        aws: undefined,
        azure: '`sourceDestCheck` is an AWS field — on Azure use `ipForwarding: true`',
        gcp: '`sourceDestCheck` is an AWS field — on GCP use `ipForwarding: true` (canIpForward)',
        openstack:
          "`sourceDestCheck` is an AWS field — on OpenStack the guest forwards with `ipForwarding: true`; the provider's gate is port security (`portSecurity`, `allowedAddressPairs`)",
      })[p],
    ipForwarding: (p) =>
      p === 'aws'
        ? '`ipForwarding` is an Azure, GCP and OpenStack field — on AWS use `sourceDestCheck: false`'
        : undefined,
    tags: (p) =>
      p === 'gcp'
        ? undefined
        : `\`tags\` (network tags) is a GCP field — ${PROVIDER_NAMES[p]} has no route tags; remove it`,
    running: (p) =>
      p === 'gcp'
        ? undefined
        : `\`running\` is a GCP field — to take a host out, change routes or \`${p === 'aws' ? 'sourceDestCheck' : 'ipForwarding'}\``,
    ports: interfaceOnly('ports'),
    portSecurity: interfaceOnly('portSecurity'),
    allowedAddressPairs: interfaceOnly('allowedAddressPairs'),
    securityGroups: (p) => FILTER_EQUIVALENT.hostSecurityGroups[p],
    networkSecurityGroup: (p) => FILTER_EQUIVALENT.hostNsg[p],
    serviceAccount: (p) =>
      p === 'gcp'
        ? undefined
        : `\`serviceAccount\` is a GCP field (firewall rule targets) — on ${PROVIDER_NAMES[p]} use \`${p === 'azure' ? 'networkSecurityGroup' : 'securityGroups'}\``,
  },
  network: {
    securityGroups: networkFilter('securityGroups'),
    networkAcls: networkFilter('networkAcls'),
    prefixLists: networkFilter('prefixLists'),
    networkSecurityGroups: networkFilter('networkSecurityGroups'),
    firewallRules: networkFilter('firewallRules'),
    cidrs: (p) =>
      p === 'gcp' || p === 'openstack'
        ? `${A_PROVIDER[p]} network has no \`cidrs\` — address ranges live on its subnets (\`cidr\`)`
        : undefined,
    routeTables: (p) =>
      p === 'gcp'
        ? "GCP has one route table per network (GCP-R1) — put routes in the network's `routes:`"
        : p === 'openstack'
          ? "OpenStack has no route tables — routes go in subnets' `hostRoutes` or routers' `routes`"
          : undefined,
    routes: (p) =>
      p === 'aws' || p === 'azure'
        ? `on ${PROVIDER_NAMES[p]} routes live in route tables — write \`routeTables: [ { name, routes: [...] } ]\` and name the table on subnets`
        : p === 'openstack'
          ? "OpenStack routes go in subnets' `hostRoutes` or routers' `routes`"
          : undefined,
  },
  subnet: {
    networkAcl: (p) =>
      p === 'aws'
        ? undefined
        : `\`networkAcl\` is an AWS field — ${p === 'azure' ? 'on Azure a subnet takes `networkSecurityGroup`' : `${PROVIDER_NAMES[p]} subnets have no filter of their own; filters act per instance`}`,
    networkSecurityGroup: (p) =>
      p === 'azure'
        ? undefined
        : `\`networkSecurityGroup\` is an Azure field — ${p === 'aws' ? 'on AWS a subnet takes `networkAcl`' : `${PROVIDER_NAMES[p]} subnets have no filter of their own; filters act per instance`}`,
    routeTable: (p) =>
      p === 'gcp'
        ? "GCP has one route table per network (GCP-R1) — put routes in the network's `routes:`"
        : p === 'openstack'
          ? "OpenStack subnets have no route table — use `hostRoutes` (pushed by DHCP) or a router's `routes`"
          : undefined,
    defaultOutboundAccess: (p) =>
      p === 'azure'
        ? undefined
        : p === 'aws'
          ? '`defaultOutboundAccess` is an Azure field — on AWS internet access takes an igw route and `publicIp` (AWS-R15)'
          : `\`defaultOutboundAccess\` is an Azure field — remove it`,
    mapPublicIpOnLaunch: (p) =>
      p === 'aws'
        ? undefined
        : p === 'azure'
          ? "`mapPublicIpOnLaunch` is an AWS field — on Azure a subnet's internet access is `defaultOutboundAccess` (AZ-R15) or a host's `publicIp`"
          : p === 'gcp'
            ? '`mapPublicIpOnLaunch` is an AWS field — on GCP give the host `publicIp: true` (an external IP) or the region a Cloud NAT (GCP-R15)'
            : "`mapPublicIpOnLaunch` is an AWS field — on OpenStack give the host `publicIp: true` (a floating IP, OS-R15) or rely on the router's SNAT (OS-R13)",
  },
  routeTable: {
    main: (p) =>
      p === 'azure'
        ? '`main` is an AWS field — an Azure subnet without `routeTable` uses the system routes only'
        : undefined,
  },
};

/** Each provider's filter vocabulary, for a field written on the wrong provider. */
const FILTER_EQUIVALENT: Readonly<
  Record<'hostSecurityGroups' | 'hostNsg' | 'networkFilters', Readonly<Record<Provider, string | undefined>>>
> = {
  hostSecurityGroups: {
    aws: undefined,
    openstack: undefined,
    azure: '`securityGroups` is an AWS and OpenStack field — on Azure a NIC takes one `networkSecurityGroup`',
    gcp: '`securityGroups` is an AWS and OpenStack field — on GCP firewall rules select VMs by `tags` and `serviceAccount`',
  },
  hostNsg: {
    azure: undefined,
    aws: '`networkSecurityGroup` is an Azure field — on AWS an instance takes `securityGroups`',
    openstack: '`networkSecurityGroup` is an Azure field — on OpenStack a port takes `securityGroups`',
    gcp: '`networkSecurityGroup` is an Azure field — on GCP firewall rules select VMs by `tags` and `serviceAccount`',
  },
  networkFilters: {
    aws: 'AWS filters are `securityGroups` (with `inbound`/`outbound`), `networkAcls` and `prefixLists`',
    azure: 'Azure filters are `networkSecurityGroups` (with `securityRules`)',
    gcp: 'GCP filters are `firewallRules`',
    openstack: 'OpenStack filters are `securityGroups` (with `stateful` and `rules`)',
  },
};

function owners(known: KnownObject, key: string): KnownObject[] {
  return knownObjects.filter(
    (k) =>
      k.context === known.context &&
      k.keys.includes(key) &&
      (k.provider !== known.provider || k.variant !== known.variant),
  );
}

/** The problem code and message for an unknown field `key` of `known` (undefined: not known). */
export function unknownFieldMessage(
  known: KnownObject | undefined,
  key: string,
): { code: string; message: string } {
  if (known === undefined) return { code: 'unknown-field', message: `unknown field \`${key}\` — remove it` };
  if (known.provider !== undefined) {
    const specific = SPECIFIC[known.context]?.[key]?.(known.provider);
    if (specific !== undefined) return { code: 'wrong-provider-field', message: specific };
  }
  const others = owners(known, key);
  const sameProvider = others.find((k) => k.provider === known.provider && k.variant !== undefined);
  if (
    sameProvider !== undefined &&
    known.variant !== undefined &&
    known.context !== 'action' &&
    known.context !== 'nextHop'
  ) {
    const variants = [
      ...new Set(others.filter((k) => k.provider === known.provider).map((k) => `\`${k.variant ?? ''}\``)),
    ];
    return {
      code: 'unknown-field',
      message: `\`${key}\` is not a field of ${known.what} — it belongs to ${variants.join(', ')}; ${known.what} takes: ${listNames(known.keys)}`,
    };
  }
  const otherProvider = others.find((k) => k.provider !== undefined && k.provider !== known.provider);
  if (otherProvider?.provider !== undefined && known.provider !== undefined) {
    const providers = [
      ...new Set(others.flatMap((k) => (k.provider === undefined ? [] : [PROVIDER_NAMES[k.provider]]))),
    ];
    return {
      code: 'wrong-provider-field',
      message: `\`${key}\` is ${A_PROVIDER[otherProvider.provider].split(' ')[0]} ${providers.join(' and ')} field — ${known.what} takes: ${listNames(known.keys)}`,
    };
  }
  const close = suggest(key, known.keys);
  if (close !== undefined)
    return { code: 'unknown-field', message: `unknown field \`${key}\`; did you mean \`${close}\`?` };
  return {
    code: 'unknown-field',
    message: `unknown field \`${key}\` — ${known.what} takes: ${listNames(known.keys)}`,
  };
}
