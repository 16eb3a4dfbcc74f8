/** Network interfaces and instances → hosts. */
import { arr, bool, nameTag, num, obj, str, type JsonObject } from '../internal/json.js';
import { canonicalIp, cidrContainsIp } from '../internal/ip.js';
import { isGone, type AwsContext } from './context.js';
import type { AwsRecord } from './inventory.js';

interface EniDraft {
  readonly id: string;
  readonly rec: AwsRecord;
  readonly o: JsonObject;
  readonly names: string[];
}

/** ENIs (describe-network-interfaces) and the ENIs of instances (describe-instances) → hosts. */
export function buildHosts(c: AwsContext): void {
  const drafts = new Map<string, EniDraft>();
  const instanceName = new Map<string, string>();
  for (const [iid, rec] of c.inv.instances) {
    const state = str(obj(rec.o['State'])?.['Name']);
    const n = nameTag(rec.o);
    if (n !== undefined) instanceName.set(iid, n);
    if (isGone(state)) {
      c.warn(rec, 'stale', `instance ${iid} is ${state ?? '?'} — skipped`);
      continue;
    }
    arr(rec.o['NetworkInterfaces']).forEach((x, k) => {
      const e = obj(x);
      const eid = str(e?.['NetworkInterfaceId']);
      if (e === undefined || eid === undefined) return;
      const dev = num(obj(e['Attachment'])?.['DeviceIndex']) ?? 0;
      if (dev === 0 && !c.instanceEni.has(iid)) c.instanceEni.set(iid, eid);
      const names = n === undefined ? [] : [dev === 0 ? n : `${n}-eth${dev}`];
      // The instance-level SourceDestCheck is the primary ENI's.
      const o =
        dev === 0 && e['SourceDestCheck'] === undefined
          ? { ...e, SourceDestCheck: rec.o['SourceDestCheck'] }
          : e;
      drafts.set(eid, { id: eid, rec: { ...rec, path: [...rec.path, 'NetworkInterfaces', k] }, o, names });
    });
    // An old instance record may have no ENI list: its primary address stands for it.
    if (arr(rec.o['NetworkInterfaces']).length === 0 && str(rec.o['PrivateIpAddress']) !== undefined) {
      drafts.set(iid, { id: iid, rec, o: rec.o, names: n === undefined ? [] : [n] });
      c.instanceEni.set(iid, iid);
    }
  }
  for (const [eid, rec] of c.inv.byKey.NetworkInterfaces) {
    const type = str(rec.o['InterfaceType']);
    // Gateways' own interfaces are modelled by the gateway.
    if (type === 'nat_gateway' || type === 'transit_gateway') continue;
    const att = obj(rec.o['Attachment']);
    const iid = str(att?.['InstanceId']);
    const dev = num(att?.['DeviceIndex']) ?? 0;
    if (iid !== undefined && dev === 0 && !c.instanceEni.has(iid)) c.instanceEni.set(iid, eid);
    const inst = iid === undefined ? undefined : instanceName.get(iid);
    const names = [
      nameTag(rec.o),
      inst === undefined ? undefined : dev === 0 ? inst : `${inst}-eth${dev}`,
    ].filter((n) => n !== undefined);
    drafts.set(eid, {
      id: eid,
      rec,
      o: rec.o,
      names: [...new Set([...names, ...(drafts.get(eid)?.names ?? [])])],
    });
  }
  for (const d of drafts.values()) {
    const sub = c.subnets.get(str(d.o['SubnetId']) ?? '');
    const ip = canonicalIp(str(d.o['PrivateIpAddress']));
    if (ip === undefined) continue;
    c.enis.set(d.id, { ip, vpc: str(d.o['VpcId']) ?? sub?.net.key });
    if (sub === undefined) {
      c.warn(
        d.rec,
        'missing-reference',
        `network interface ${d.id}: subnet ${str(d.o['SubnetId']) ?? '(none)'} is not in the input — not a host`,
      );
      continue;
    }
    if (!cidrContainsIp(sub.s.cidr, ip)) continue;
    const hasPublic =
      str(obj(d.o['Association'])?.['PublicIp']) !== undefined || str(d.o['PublicIpAddress']) !== undefined;
    // In a subnet that maps public IPs a host without `publicIp` would have one (AWS-R15): an
    // interface the export shows without a public address says so (`publicIp: false`), unless
    // its address is only known after apply (Terraform: `$publicIp: 'inherit'`).
    const publicIp = hasPublic
      ? true
      : sub.s.mapPublicIpOnLaunch === true && d.o['$publicIp'] !== 'inherit'
        ? false
        : undefined;
    const sdc = bool(d.o['SourceDestCheck']);
    // AWS-R35: the interface's groups (an old instance record lists them as `SecurityGroups`).
    const groups = arr(d.o['Groups'] ?? d.o['SecurityGroups'])
      .map((g) => str(obj(g)?.['GroupId']))
      .filter((g) => g !== undefined);
    if (groups.length > 0 || Array.isArray(d.o['Groups'])) c.hostGroups.set(d.id, { groups, rec: d.rec });
    sub.net.hosts.push({
      key: d.id,
      id: c.idOf(d.rec, d.id),
      names: d.names,
      subnet: sub.s.key,
      ip,
      ...(sdc === false ? { sourceDestCheck: false } : {}),
      ...(publicIp !== undefined ? { publicIp } : {}),
      ...(d.rec.origin !== undefined ? { origin: d.rec.origin } : {}),
    });
  }
}
