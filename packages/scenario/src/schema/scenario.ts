/**
 * The whole scenario file: the single source of both validation and the printed JSON Schema.
 * Defaults (documented in the schema): `seed` 1, `horizon` 1h, `firewall` none, every list empty.
 */
import * as z from 'zod';
import { duration, flowDestination, flowSource, intIn, name, reference } from './leaves.js';
import { firewallMode, portRange, serviceTags } from './filters.js';
import { network } from './networks.js';
import { DEFAULT_HORIZON, DEFAULT_SEED } from '../defaults.js';
import { coded, doc, strict } from './registry.js';
import { chaos, timelineAction } from './timeline.js';
import { connection, peering, site } from './topology.js';

/** The most flows a group may ask for. */
export const MAX_FLOW_COUNT = 100_000_000;

const span = (description: string) => duration('span', description).exactOptional();
const count = (description: string) => doc(intIn(1, 10_000_000, 'a count'), description).exactOptional();

/** Overrides of the provider profile (PROVIDERS.md durations and limits); each field is optional. */
export const profile = strict(
  { context: 'profile', what: 'the profile' },
  {
    azure: strict(
      { context: 'profile', what: 'the Azure profile', provider: 'azure' },
      {
        vpnGatewayProvisioning: span('VPN gateway creation (default 45m, AZ-R17).'),
        failoverPlanned: span('Planned failover (default 15s, AZ-R19).'),
        failoverUnplanned: span('Unplanned failover (default 3m, AZ-R19).'),
        bgpHoldTime: span('BGP hold time (default 3m, AZ-R22).'),
        maxPrefixesFromPeer: count(
          'More prefixes than this from a peer drops the session (default 4000, AZ-R22).',
        ),
        skuUpgrade: span('SKU upgrade (default 45m, AZ-R18).'),
        virtualNetworkTagIncludesRoutes: doc(
          z.boolean(),
          "The `VirtualNetwork` service tag includes the prefixes of the subnet's routes (default true, AZ-R30).",
        ).exactOptional(),
        gatewaySubnetNsg: doc(
          z.enum(['breaks', 'ignored']),
          'An NSG on the GatewaySubnet `breaks` the gateway (default) or is `ignored` (AZ-R32).',
        ).exactOptional(),
      },
    ).exactOptional(),
    aws: strict(
      { context: 'profile', what: 'the AWS profile', provider: 'aws' },
      {
        vgwProvisioning: span('VGW and VPN connection creation (default 5m, AWS-R28).'),
        natProvisioning: span('NAT gateway creation (default 2m).'),
        maxPropagatedRoutes: count('Propagated routes per table (default 100, AWS-R14).'),
        bgpHoldTime: span('BGP hold time (default 30s).'),
      },
    ).exactOptional(),
    gcp: strict(
      { context: 'profile', what: 'the GCP profile', provider: 'gcp' },
      {
        stoppedNextHop: doc(
          z.enum(['disregard', 'drop']),
          'A route to a stopped VM is disregarded (default) or drops (GCP-R6).',
        ).exactOptional(),
        bgpHoldTime: span('BGP hold time (default 60s).'),
      },
    ).exactOptional(),
    openstack: strict(
      { context: 'profile', what: 'the OpenStack profile', provider: 'openstack' },
      {
        firewallDriver: doc(
          z.enum(['ovn', 'iptables', 'openvswitch']),
          'The driver enforcing port security (default ovn, OS-R6).',
        ).exactOptional(),
      },
    ).exactOptional(),
    bgpSessionEstablish: span('A BGP session comes up this long after both peer routes exist (default 0s).'),
    flows: strict(
      { context: 'profile', what: 'the flows profile' },
      {
        sourcePorts: doc(
          portRange,
          "A flow's default client ephemeral ports (default `32768-61000`, AWS-R42).",
        ).exactOptional(),
      },
    ).exactOptional(),
    filters: strict(
      { context: 'profile', what: 'the filters profile' },
      {
        existingConnections: doc(
          z.enum(['reevaluate', 'keep']),
          'After a rule change, established flows are `reevaluate`d at once (default) or `keep` going (AWS-R39, AZ-R29).',
        ).exactOptional(),
      },
    ).exactOptional(),
  },
);

const flowGroup = strict(
  { context: 'flow', what: 'a flow group' },
  {
    name,
    from: doc(
      flowSource,
      'A `network/subnet` (sources drawn from its addresses), a `network/host` (its address) or a site (sources drawn from its cidrs: traffic from on-premises).',
    ),
    to: flowDestination,
    count: doc(intIn(1, MAX_FLOW_COUNT, 'a flow count'), `How many flows (1 to ${MAX_FLOW_COUNT}).`),
    protocol: doc(
      z.enum(['tcp', 'udp', 'icmp', 'any']),
      '`tcp`, `udp`, `icmp` (echo requests) or `any` (default: matched only by all-protocol rules).',
    ).exactOptional(),
    port: doc(
      portRange,
      'tcp/udp: the destination port or a range `lo-hi` (flow k uses `lo + k mod (hi-lo+1)`); absent: every port.',
    ).exactOptional(),
    sourcePorts: doc(
      portRange,
      "The client's ephemeral range `lo-hi` (default the profile's `flows.sourcePorts`, 32768-61000).",
    ).exactOptional(),
  },
).superRefine((f, ctx) => {
  if (f.port !== undefined && f.protocol !== 'tcp' && f.protocol !== 'udp')
    ctx.addIssue({
      code: 'custom',
      path: ['port'],
      input: f.port,
      message: coded(
        'bad-value',
        f.protocol === undefined
          ? '`port` needs `protocol: tcp` or `protocol: udp` — add the protocol'
          : `\`port\` is for tcp and udp — ${/^[aeiou]/.test(f.protocol) ? 'an' : 'a'} ${f.protocol} flow has no ports; remove it`,
      ),
    });
});

export const expectation = strict(
  { context: 'expectation', what: 'an expectation' },
  {
    flows: reference('flow group'),
    during: doc(
      z.tuple([duration('time', 'Start.'), duration('time', 'End.')]),
      'The interval `[start, end)`; start before end.',
    ),
    reachable: doc(
      z
        .number({
          error: (iss) =>
            iss.input === undefined ? undefined : coded('bad-number', 'expected a fraction from 0 to 1'),
        })
        .min(0, { error: coded('out-of-range', '`reachable` is a fraction — use 0 (none) to 1 (all)') })
        .max(1, { error: coded('out-of-range', '`reachable` is a fraction — use 0 (none) to 1 (all)') }),
      "Fraction of the group's flow-seconds delivered during the interval (0 none, 1 all).",
    ),
  },
);

const list = <T extends z.ZodType>(item: T, description: string) =>
  doc(z.array(item), description).default([]);

export const scenarioSchema = doc(
  strict(
    { context: 'scenario', what: 'a scenario' },
    {
      $schema: doc(z.string(), 'The JSON Schema of this format (for editors); ignored.').exactOptional(),
      name: doc(
        z
          .string()
          .min(1)
          .max(200)
          .regex(/^[^\r\n]*$/, { error: coded('bad-name', 'the scenario name is one line — shorten it') }),
        'The scenario name.',
      ),
      description: doc(z.string().max(10_000), 'What the scenario shows.').exactOptional(),
      seed: doc(
        intIn(0, Number.MAX_SAFE_INTEGER, 'a seed'),
        'Every random choice (flow addresses, chaos) derives from it. Default 1.',
      ).default(DEFAULT_SEED),
      horizon: duration('span', 'The simulated time span. Default 1h.')
        .refine((s) => s > 0, { error: coded('bad-duration', 'a horizon of 0s — simulate at least `1s`') })
        .prefault(DEFAULT_HORIZON),
      firewall: doc(
        firewallMode,
        "`none` (default): filters allow every flow; `provider-default`: only the implicit rules (GCP-R24, OS-R11); `rules`: every declared filter plus the providers' defaults (FILTERS.md); `networks[].firewall` overrides it.",
      ).default('none'),
      serviceTags: serviceTags.exactOptional(),
      profile: doc(
        profile,
        "Overrides of the provider profile's durations and limits (docs/rules/), e.g. `{ azure: { vpnGatewayProvisioning: 30m } }`.",
      ).exactOptional(),
      networks: list(network, 'Networks: AWS VPCs, Azure VNets, GCP networks, OpenStack networks.'),
      sites: list(site, 'On-premises networks.'),
      connections: list(connection, 'VPN connections between a gateway and a site or another gateway.'),
      peerings: list(peering, 'Network peerings.'),
      flows: list(flowGroup, 'Flow groups.'),
      timeline: list(timelineAction, 'Changes and faults over time (applied in `at` order).'),
      expect: list(expectation, 'Assertions; a failed one makes `run` exit 1.'),
      chaos: doc(chaos, 'Random faults for `cloudroute chaos`.').exactOptional(),
    },
  ),
  'A cloudroute scenario: a hybrid network, a timeline of changes and faults, flows and expectations.',
);

export type ScenarioOutput = z.output<typeof scenarioSchema>;
