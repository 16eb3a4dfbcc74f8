/**
 * Checks the providers make at creation that an export may still break (a stale record beside a
 * live one): subnets that overlap, hosts on an address the provider reserves (AWS-R18, AZ-R12)
 * or on one another host already has. What fails is left out with a warning, before the scenario
 * is written, so that large imports need no repair round.
 */
import { prefixesOverlap, tryParseAddress, tryParsePrefix } from '@cloudroute/lpm';
import type { DTopology } from './draft.js';
import type { Warnings } from './warnings.js';

/** Is the IPv4 address one of the first four or the last of its subnet (AWS-R18, AZ-R12)? */
function reserved(cidr: string, ip: string): boolean {
  const r = tryParsePrefix(cidr);
  const a = tryParseAddress(ip);
  if (!r.ok || r.prefix.family !== 4 || !a.ok || a.family !== 4) return false;
  const p = r.prefix;
  const size = 2 ** (32 - p.length);
  if (size <= 5) return false;
  const offset = a.value - p.network;
  return offset < 4 || offset >= size - 1;
}

export function sanitize(t: DTopology, w: Warnings): void {
  for (const n of t.networks) {
    const kept: typeof n.subnets = [];
    for (const s of n.subnets) {
      const clash = kept.find((k) => {
        const a = tryParsePrefix(k.cidr);
        const b = tryParsePrefix(s.cidr);
        return a.ok && b.ok && prefixesOverlap(a.prefix, b.prefix);
      });
      if (clash !== undefined)
        w.note(
          'refused',
          `subnet ${s.id ?? s.key} (${s.cidr}) overlaps ${clash.id ?? clash.key} (${clash.cidr}) — left out`,
        );
      else kept.push(s);
    }
    if (kept.length !== n.subnets.length) {
      const keys = new Set(kept.map((s) => s.key));
      n.subnets = kept;
      n.hosts = n.hosts.filter((h) => keys.has(h.subnet));
      for (const g of n.gateways) if (g.subnet !== undefined && !keys.has(g.subnet)) delete g.subnet;
      n.gateways = n.gateways.filter((g) => g.kind !== 'nat' || g.subnet !== undefined);
    }
    const cidrOf = new Map(n.subnets.map((s) => [s.key, s.cidr]));
    const used = new Set<string>();
    n.hosts = n.hosts.filter((h) => {
      const cidr = cidrOf.get(h.subnet);
      if (cidr !== undefined && reserved(cidr, h.ip)) {
        w.note(
          'refused',
          `host ${h.id ?? h.key}: ${h.ip} is reserved in ${cidr} [${n.provider === 'aws' ? 'AWS-R18' : 'AZ-R12'}] — left out`,
        );
        return false;
      }
      if (used.has(h.ip)) {
        w.note(
          'refused',
          `host ${h.id ?? h.key}: ${h.ip} is already another host's address in ${n.id ?? n.key} — left out`,
        );
        return false;
      }
      used.add(h.ip);
      return true;
    });
  }
}
