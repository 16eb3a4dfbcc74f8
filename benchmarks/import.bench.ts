/**
 * Import at scale: 1,000 VPCs with 10,000 route tables (10 per VPC, 5 routes each, one subnet per
 * table, an internet gateway and a NAT gateway per VPC), written as `describe-*` JSON and imported,
 * validated and written as a scenario. The budget is 5 s (the acceptance figure).
 *
 *   node node_modules/tsx/dist/cli.mjs benchmarks/import.bench.ts [--json]
 */
import { importAws } from '@cloudroute/import';

const VPCS = 1000;
const TABLES_PER_VPC = 10;

function exports(): { path: string; text: string }[] {
  const vpcs: unknown[] = [];
  const subnets: unknown[] = [];
  const tables: unknown[] = [];
  const igws: unknown[] = [];
  const nats: unknown[] = [];
  for (let v = 0; v < VPCS; v++) {
    // 10.0.0.0/16 … then 11.x, 12.x: one /16 per VPC.
    const a = 10 + Math.floor(v / 256);
    const b = v % 256;
    const vpc = `vpc-${v.toString(16).padStart(8, '0')}`;
    const cidr = `${a}.${b}.0.0/16`;
    vpcs.push({
      VpcId: vpc,
      CidrBlock: cidr,
      CidrBlockAssociationSet: [{ CidrBlock: cidr, CidrBlockState: { State: 'associated' } }],
      State: 'available',
      Tags: [{ Key: 'Name', Value: `vpc-${v}` }],
    });
    const igw = `igw-${v.toString(16).padStart(8, '0')}`;
    igws.push({ InternetGatewayId: igw, Attachments: [{ VpcId: vpc, State: 'available' }] });
    const nat = `nat-${v.toString(16).padStart(8, '0')}`;
    for (let t = 0; t < TABLES_PER_VPC; t++) {
      const subnet = `subnet-${v.toString(16).padStart(8, '0')}${t}`;
      const rtb = `rtb-${v.toString(16).padStart(8, '0')}${t}`;
      subnets.push({
        SubnetId: subnet,
        VpcId: vpc,
        CidrBlock: `${a}.${b}.${t}.0/24`,
        AvailabilityZone: 'us-east-1a',
        Tags: [{ Key: 'Name', Value: `s${t}` }],
      });
      if (t === 0) nats.push({ NatGatewayId: nat, VpcId: vpc, SubnetId: subnet, State: 'available' });
      const routes: unknown[] = [
        { DestinationCidrBlock: cidr, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
      ];
      routes.push(
        t === 0
          ? { DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw, Origin: 'CreateRoute', State: 'active' }
          : { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: nat, Origin: 'CreateRoute', State: 'active' },
      );
      for (let k = 0; k < 3; k++)
        routes.push({
          DestinationCidrBlock: `172.${16 + k}.${t}.0/24`,
          ...(k === 2 ? { NatGatewayId: nat, State: 'blackhole' } : { GatewayId: igw, State: 'active' }),
          Origin: 'CreateRoute',
        });
      tables.push({
        RouteTableId: rtb,
        VpcId: vpc,
        Associations: [
          {
            Main: t === 0,
            RouteTableId: rtb,
            RouteTableAssociationId: `rtbassoc-${rtb}`,
            SubnetId: subnet,
            AssociationState: { State: 'associated' },
          },
        ],
        PropagatingVgws: [],
        Routes: routes,
        Tags: [{ Key: 'Name', Value: `rt${t}` }],
      });
    }
  }
  const file = (name: string, key: string, items: unknown[]): { path: string; text: string } => ({
    path: `aws_configs/${name}.json`,
    text: JSON.stringify({ [key]: items }),
  });
  return [
    file('Vpcs', 'Vpcs', vpcs),
    file('Subnets', 'Subnets', subnets),
    file('RouteTables', 'RouteTables', tables),
    file('InternetGateways', 'InternetGateways', igws),
    file('NatGateways', 'NatGateways', nats),
  ];
}

const files = exports();
const started = performance.now();
const r = importAws(files);
const seconds = (performance.now() - started) / 1000;
const result = {
  vpcs: r.summary.networks,
  routeTables: r.summary.routeTables,
  seconds: Math.round(seconds * 1000) / 1000,
};
if (process.argv.includes('--json')) console.log(JSON.stringify(result));
else {
  console.log(
    `import aws: ${result.vpcs} VPCs, ${result.routeTables} route tables (${r.summary.routes} routes, ${r.text.length} bytes of YAML) in ${result.seconds.toFixed(2)} s (budget 5 s)`,
  );
  if (seconds > 5) process.exitCode = 1;
}
