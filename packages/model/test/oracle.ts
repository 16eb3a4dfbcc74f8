/**
 * An independent IPv4 oracle for the tests: naive parsing, containment, and a linear-scan
 * longest-prefix match over a table's selected routes (the oracle STYLE.md asks for).
 */
import type { CandidateRoute, ForwardingTable } from '@cloudroute/model';

export function ip4(text: string): number {
  const p = text.split('.').map(Number);
  return (((p[0]! * 256 + p[1]!) * 256 + p[2]!) * 256 + p[3]!) >>> 0;
}

export function fmt4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function prefix4(text: string): { net: number; len: number } {
  const [a, l] = text.split('/');
  return { net: ip4(a!), len: Number(l) };
}

function maskOf(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

/** Canonical text of `addr/len` with host bits cleared. */
export function pfx(addr: number, len: number): string {
  return `${fmt4((addr & maskOf(len)) >>> 0)}/${len}`;
}

export function contains(prefix: string, addr: number): boolean {
  const p = prefix4(prefix);
  return (addr & maskOf(p.len)) >>> 0 === p.net;
}

export function containsPrefix(outer: string, inner: string): boolean {
  const o = prefix4(outer);
  const i = prefix4(inner);
  return i.len >= o.len && (i.net & maskOf(o.len)) >>> 0 === o.net;
}

export function overlaps(a: string, b: string): boolean {
  return containsPrefix(a, b) || containsPrefix(b, a);
}

/** An address inside `prefix` chosen by `seed` (any uint32). */
export function addrIn(prefix: string, seed: number): number {
  const p = prefix4(prefix);
  return (p.net | (seed & ~maskOf(p.len))) >>> 0;
}

/** Naive longest-prefix match over the selected IPv4 routes of a table. */
export function lookup(table: ForwardingTable, addr: number): CandidateRoute | undefined {
  let best: CandidateRoute | undefined;
  let bestLen = -1;
  for (const r of table.routes) {
    if (!r.selected || r.prefix.includes(':')) continue;
    const p = prefix4(r.prefix);
    if (p.len > bestLen && contains(r.prefix, addr)) {
      best = r;
      bestLen = p.len;
    }
  }
  return best;
}

export function tableById(tables: readonly ForwardingTable[], id: string): ForwardingTable {
  const t = tables.find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
}

/** At most one selected route per prefix, and every selected route has an action. */
export function wellFormed(table: ForwardingTable): string | undefined {
  const seen = new Set<string>();
  for (const r of table.routes) {
    if (!r.selected) continue;
    if (seen.has(r.prefix)) return `${table.id}: two selected routes for ${r.prefix}`;
    seen.add(r.prefix);
    if (!r.action) return `${table.id}: selected ${r.prefix} has no action`;
  }
  return undefined;
}
