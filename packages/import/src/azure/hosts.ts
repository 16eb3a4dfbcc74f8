/** NICs as hosts (named after the VMs that list them), and the VMs that could not be imported. */
import { arr, bool, obj, str } from '../internal/json.js';
import { canonicalIp, cidrContainsIp } from '../internal/ip.js';
import { T } from './inventory.js';
import { idKey, lastSegment, ref, type AzureObject } from './normalize.js';
import { names, originOf, outId, type Ctx } from './context.js';

/** A VM's network interfaces (`networkProfile.networkInterfaces[].id`, `az vm list` and ARM). */
function vmNics(vm: AzureObject): string[] {
  return arr(obj(vm.o['networkProfile'])?.['networkInterfaces'])
    .map((n) => ref(n))
    .filter((id) => id !== undefined)
    .map(idKey);
}

/**
 * VMs are imported as hosts through their NICs (a VM's address is its NIC's). A VM none of whose
 * NICs became a host is reported, by file: what was recognised and what to export instead.
 */
function reportVms(c: Ctx, hostNics: ReadonlySet<string>): void {
  const byFile = new Map<string, { missing: string[]; unusable: string[]; first: AzureObject }>();
  for (const vm of c.all(T.vm)) {
    const nics = vmNics(vm);
    if (nics.some((n) => hostNics.has(n))) continue;
    const e = byFile.get(vm.file) ?? { missing: [], unusable: [], first: vm };
    byFile.set(vm.file, e);
    const name = str(vm.o['name']) ?? lastSegment(vm.id);
    (nics.some((n) => c.inv.get(T.nic).has(n)) ? e.unusable : e.missing).push(name);
  }
  const list = (xs: string[]): string =>
    xs.length > 5 ? `${xs.slice(0, 5).join(', ')} and ${xs.length - 5} more` : xs.join(', ');
  for (const [file, e] of byFile) {
    if (e.missing.length > 0)
      c.w.add(
        'missing-reference',
        `${e.missing.length} virtual machine${e.missing.length === 1 ? '' : 's'} (Microsoft.Compute/virtualMachines: ${list(e.missing)}) not imported: a VM's address is on its network interface, which is not in the input — add \`az network nic list\` output (or the NICs' ARM JSON) and their virtual networks to import them as hosts`,
        file,
      );
    if (e.unusable.length > 0)
      c.w.add(
        'missing-reference',
        `virtual machine${e.unusable.length === 1 ? '' : 's'} ${list(e.unusable)} not imported: ${e.unusable.length === 1 ? 'its network interface was' : 'their network interfaces were'} not imported (see the warnings about them)`,
        file,
      );
  }
}

export function buildHosts(c: Ctx): void {
  const vmNames = new Map<string, string>();
  /** NIC id key → the name of the VM that lists it (for NICs without a `virtualMachine` reference). */
  const nicVm = new Map<string, string>();
  const hostNics = new Set<string>();
  for (const vm of c.all(T.vm)) {
    const name = str(vm.o['name']) ?? lastSegment(vm.id);
    vmNames.set(idKey(vm.id), name);
    for (const n of vmNics(vm)) if (!nicVm.has(n)) nicVm.set(n, name);
  }
  for (const nic of c.all(T.nic)) {
    const configs = arr(nic.o['ipConfigurations'])
      .map(obj)
      .filter((x) => x !== undefined);
    const v4 = configs.filter((x) => str(x['privateIPAddressVersion']) !== 'IPv6');
    const primary = v4.find((x) => x['primary'] === true) ?? v4[0];
    const ip = canonicalIp(str(primary?.['privateIPAddress']));
    const subId = ref(primary?.['subnet']);
    const sub = subId === undefined ? undefined : c.subnets.get(idKey(subId));
    if (primary === undefined || ip === undefined) {
      c.warn(
        nic,
        'malformed',
        `network interface ${str(nic.o['name']) ?? nic.id} has no private IPv4 address — not a host`,
      );
      continue;
    }
    if (sub === undefined) {
      c.warn(
        nic,
        'missing-reference',
        `network interface ${str(nic.o['name']) ?? nic.id}: subnet ${subId ?? '(none)'} is not in the input — not a host`,
      );
      continue;
    }
    if (!cidrContainsIp(sub.s.cidr, ip)) continue;
    const vm = ref(nic.o['virtualMachine']);
    const vmName = vm === undefined ? nicVm.get(idKey(nic.id)) : (vmNames.get(idKey(vm)) ?? lastSegment(vm));
    hostNics.add(idKey(nic.id));
    const forwarding = bool(nic.o['enableIPForwarding']);
    const publicIp = configs.some((x) => ref(x['publicIPAddress']) !== undefined);
    const nsg = ref(nic.o['networkSecurityGroup']);
    sub.net.hosts.push({
      key: idKey(nic.id),
      id: outId(nic),
      names: [...(vmName !== undefined ? [vmName] : []), ...names(nic)],
      subnet: sub.s.key,
      ip,
      ...(forwarding === true ? { ipForwarding: true } : {}),
      ...(publicIp ? { publicIp: true } : {}),
      // AZ-R25: the NIC's NSG (the NSG's `networkInterfaces[]` is a read-only copy).
      ...(nsg !== undefined ? { networkSecurityGroup: idKey(nsg) } : {}),
      ...originOf(nic),
    });
  }
  reportVms(c, hostNics);
}
