// Over 400 lines: every LPM peer, family and size of one side-by-side comparison in one run, so all get the same inputs.
// lpm benchmark: cloudroute's compiled tables and trie against a naive scan and the npm
// libraries a user would otherwise pick, on the same seeded BGP-like tables and addresses.
//
//   node --expose-gc node_modules/tsx/dist/cli.mjs benchmarks/lpm.bench.ts [--json] [--quick]
//        [--size=N ...] [--family=4|6]
//
// --json prints only the JSON rows on stdout (notes go to stderr); --quick runs 100 and 10,000
// prefixes with 200k addresses in a few seconds; --size=500000 --family=4 runs only those rows
// (and skips the update timings), e.g. to repeat the 500k IPv4 target.
//
// Every implementation looks up the same addresses: the whole batch (1,000,000; --quick 200,000),
// except the naive scan, which takes the first 5,000 of them (a linear scan of 10,000 prefixes
// over the whole batch would take minutes). Each row says how many addresses it timed.
import { Bench } from 'tinybench';
import {
  Lpm4Builder,
  Lpm6Builder,
  Trie4,
  Trie6,
  compile4,
  compile6,
  type Prefix4,
  type Prefix6,
} from '@cloudroute/lpm';
import { addresses4, addresses6, routeTable4, routeTable6 } from './lib/lpm-data.js';
import { PEERS, arkimeProblem, type Built, type Peer } from './lib/lpm-peers.js';
import { timeBuild } from './lib/timing.js';

type Row = {
  impl: string;
  family: 4 | 6;
  prefixes: number;
  /** How many addresses one timed run looks up (the first `addresses` of the shared batch). */
  addresses: number;
  lookupsPerSec: number;
  /**
   * The same from the median CPU time of the samples (process.cpuUsage): on a shared machine
   * preemption stretches wall time, and unevenly between rows measured minutes apart.
   */
  cpuLookupsPerSec: number;
  buildMs: number;
  bytes: number | null;
};

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
/** `--size=N` (repeatable) and `--family=4|6` narrow a run to some rows (e.g. the 500k IPv4 target). */
const option = (name: string): string[] =>
  args.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.slice(name.length + 3));
const onlySizes = option('size').map(Number);
const FAMILIES = option('family').map(Number);
const SIZES = onlySizes.length > 0 ? onlySizes : quick ? [100, 10_000] : [100, 10_000, 500_000];
const N_ADDR = quick ? 200_000 : 1_000_000;
const N_NAIVE = quick ? 2_000 : 5_000;
const N_UPDATES = quick ? 300 : 1000;
const out = (s: string): void => void (json ? process.stderr : process.stdout).write(`${s}\n`);
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
/** One line per measured row on stderr as it completes (a full run takes minutes). */
const progress = (r: Row): void =>
  void process.stderr.write(
    `  ${r.impl} IPv${r.family} ${r.prefixes.toLocaleString('en')}: ${fmt(r.lookupsPerSec)} lookups/s (CPU time: ${fmt(r.cpuLookupsPerSec)}/s) on ${r.addresses.toLocaleString('en')} addresses\n`,
  );

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
}

/** The CPU-time rate of the last {@link rate} call. */
let lastCpuRate = 0;

/**
 * Lookups per second of `run` (which does `count` lookups), from tinybench's median sample: 5
 * samples after one warm-up run, 3 when that run took over a second (the slow peers on the large
 * tables, where one sample is several seconds of lookups already).
 */
async function rate(run: () => number, count: number): Promise<number> {
  const t0 = performance.now();
  let sink = run();
  const slow = performance.now() - t0 > 1000;
  const bench = new Bench({ iterations: quick || slow ? 3 : 5, time: 0, warmupIterations: 0, warmupTime: 0 });
  const cpu: number[] = [];
  bench.add('lookups', () => {
    const c0 = process.cpuUsage();
    sink += run();
    const c = process.cpuUsage(c0);
    cpu.push(c.user + c.system);
  });
  await bench.run();
  const r = bench.tasks[0]?.result;
  if (r?.state !== 'completed') throw new Error(`benchmark task ${r?.state ?? 'missing'}`);
  if (sink === 0.5) out('');
  cpu.sort((a, b) => a - b);
  lastCpuRate = count / (Math.max(1, cpu[cpu.length >> 1]!) / 1e6);
  return count / (r.latency.p50 / 1000);
}

function cloudroute4(routes: readonly Prefix4[], addrs: Uint32Array): { many: Built; loop: Built } {
  const entries = routes.map((prefix, value) => ({ prefix, value }));
  const [t, buildMs] = timeBuild(() => compile4(entries));
  const res = new Int32Array(addrs.length);
  const base = { buildMs, bytes: t.bytes, count: addrs.length, answer: (i: number) => t.lookup(addrs[i]!) };
  return {
    many: { ...base, run: () => (t.lookupMany(addrs, res), res[0]!) },
    loop: {
      ...base,
      run: () => {
        let s = 0;
        for (let i = 0; i < addrs.length; i++) s += t.lookup(addrs[i]!);
        return s;
      },
    },
  };
}

function cloudroute6(routes: readonly Prefix6[], w: Uint32Array): { many: Built; loop: Built } {
  const entries = routes.map((prefix, value) => ({ prefix, value }));
  const [t, buildMs] = timeBuild(() => compile6(entries));
  const n = w.length / 4;
  const res = new Int32Array(n);
  const answer = (i: number): number => t.lookup(w[4 * i]!, w[4 * i + 1]!, w[4 * i + 2]!, w[4 * i + 3]!);
  const base = { buildMs, bytes: t.bytes, count: n, answer };
  return {
    many: { ...base, run: () => (t.lookupMany(w, res), res[0]!) },
    loop: {
      ...base,
      run: () => {
        let s = 0;
        for (let j = 0; j < w.length; j += 4) s += t.lookup(w[j]!, w[j + 1]!, w[j + 2]!, w[j + 3]!);
        return s;
      },
    },
  };
}

function trie4(routes: readonly Prefix4[], addrs: Uint32Array): Built {
  const [t, buildMs] = timeBuild(() => {
    const t = new Trie4();
    routes.forEach((p, i) => t.insert(p, i));
    return t;
  });
  const run = (): number => {
    let s = 0;
    for (let i = 0; i < addrs.length; i++) s += t.match(addrs[i]!);
    return s;
  };
  return { buildMs, bytes: null, count: addrs.length, run, answer: (i) => t.match(addrs[i]!) };
}

function trie6(routes: readonly Prefix6[], w: Uint32Array): Built {
  const [t, buildMs] = timeBuild(() => {
    const t = new Trie6();
    routes.forEach((p, i) => t.insert(p, i));
    return t;
  });
  const run = (): number => {
    let s = 0;
    for (let j = 0; j < w.length; j += 4) s += t.match(w[j]!, w[j + 1]!, w[j + 2]!, w[j + 3]!);
    return s;
  };
  const answer = (i: number): number => t.match(w[4 * i]!, w[4 * i + 1]!, w[4 * i + 2]!, w[4 * i + 3]!);
  return { buildMs, bytes: null, count: w.length / 4, run, answer };
}

const maskOf = (len: number): number => (len <= 0 ? 0 : len >= 32 ? -1 : (0xffffffff << (32 - len)) | 0);

/** The naive linear scan, on typed arrays so that it is a fair naive scan, not a slow one. */
function naive(routes: readonly (Prefix4 | Prefix6)[], w: Uint32Array, stride: 1 | 4): Built {
  const n = routes.length;
  const [tables, buildMs] = timeBuild(() => {
    const nets = new Int32Array(n * stride);
    const masks = new Int32Array(n * stride);
    const lens = new Int32Array(n);
    routes.forEach((p, i) => {
      lens[i] = p.length;
      for (let k = 0; k < stride; k++) {
        nets[i * stride + k] = p.family === 4 ? p.network : p.words[k]!;
        masks[i * stride + k] = maskOf(p.length - 32 * k);
      }
    });
    return { nets, masks, lens };
  });
  const { nets, masks, lens } = tables;
  const answer = (q: number): number => {
    let best = -1;
    let bestLen = -1;
    for (let i = 0; i < n; i++) {
      let hit = lens[i]! > bestLen;
      for (let k = 0; hit && k < stride; k++)
        hit = ((w[q * stride + k]! ^ nets[i * stride + k]!) & masks[i * stride + k]!) === 0;
      if (hit) [best, bestLen] = [i, lens[i]!];
    }
    return best;
  };
  const count = w.length / stride;
  return {
    buildMs,
    bytes: null,
    count,
    answer,
    run: () => {
      let s = 0;
      for (let q = 0; q < count; q++) s += answer(q);
      return s;
    },
  };
}

/** Checks `b` against the reference answers on the first addresses; reports mismatches. */
function check(impl: string, b: Built, ref: Built): void {
  let bad = 0;
  const n = Math.min(2000, b.count);
  for (let i = 0; i < n; i++) if (b.answer(i) !== ref.answer(i)) bad++;
  if (bad > 0) out(`WARNING: ${impl} disagrees with cloudroute on ${bad}/${n} addresses`);
}

const rows: Row[] = [];
const notes = new Set<string>();

/** What the rows of one family and size are measured on: its routes, addresses and builders. */
interface FamilyInput {
  readonly family: 4 | 6;
  readonly routes: readonly (Prefix4 | Prefix6)[];
  /** The addresses, `stride` uint32 words each. */
  readonly addrs: Uint32Array;
  readonly stride: 1 | 4;
  readonly cloudroute: () => { many: Built; loop: Built };
  readonly trie: () => Built;
  readonly peer: (peer: Peer) => Built | undefined;
}

/** Every row of one family and size: cloudroute's table and trie, the naive scan, the peers. */
async function measure(prefixes: number, f: FamilyInput): Promise<void> {
  const push = (impl: string, b: Built, lookupsPerSec: number, cpuLookupsPerSec = lastCpuRate): void => {
    const row: Row = {
      impl,
      family: f.family,
      prefixes,
      addresses: b.count,
      lookupsPerSec,
      cpuLookupsPerSec,
      buildMs: b.buildMs,
      bytes: b.bytes,
    };
    rows.push(row);
    progress(row);
  };
  const cr = f.cloudroute();
  const many = await rate(cr.many.run, cr.many.count);
  const manyCpu = lastCpuRate;
  const loop = await rate(cr.loop.run, cr.loop.count);
  notes.add(
    `cloudroute IPv${f.family} ${prefixes}: lookupMany ${fmt(many)}/s, loop of lookup() ${fmt(loop)}/s`,
  );
  push('cloudroute', cr.many, Math.max(many, loop), Math.max(manyCpu, lastCpuRate));
  const t = f.trie();
  check('cloudroute-trie', t, cr.many);
  push('cloudroute-trie', t, await rate(t.run, t.count));
  gc();
  if (prefixes <= 10_000) {
    const nv = naive(f.routes, f.addrs.subarray(0, f.stride * N_NAIVE), f.stride);
    check('naive', nv, cr.many);
    push('naive', nv, await rate(nv.run, nv.count));
  }
  for (const peer of PEERS) {
    if (peer.impl === 'arkime-iptrie' && arkimeProblem() !== null) continue;
    const b = f.peer(peer);
    if (b === undefined) continue;
    check(peer.impl, b, cr.many);
    push(peer.impl, b, await rate(b.run, b.count));
    notes.add(`${peer.impl}: ${peer.note}`);
    gc();
  }
}

function family4(prefixes: number): Promise<void> {
  const routes = routeTable4(prefixes, 4242 + prefixes);
  const addrs = addresses4(routes, N_ADDR, 7);
  return measure(prefixes, {
    family: 4,
    routes,
    addrs,
    stride: 1,
    cloudroute: () => cloudroute4(routes, addrs),
    trie: () => trie4(routes, addrs),
    peer: (p) => p.build4?.(routes, addrs),
  });
}

function family6(prefixes: number): Promise<void> {
  const routes = routeTable6(prefixes, 6262 + prefixes);
  const w = addresses6(routes, N_ADDR, 9);
  return measure(prefixes, {
    family: 6,
    routes,
    addrs: w,
    stride: 4,
    cloudroute: () => cloudroute6(routes, w),
    trie: () => trie6(routes, w),
    peer: (p) => p.build6?.(routes, w),
  });
}

/** Cost of one route change (insert a new route or remove an existing one, then table()). */
function updates(prefixes: number): void {
  const v4 = routeTable4(prefixes, 4242 + prefixes);
  const b4 = new Lpm4Builder(v4.map((prefix, value) => ({ prefix, value })));
  const v6 = routeTable6(prefixes, 6262 + prefixes);
  const b6 = new Lpm6Builder(v6.map((prefix, value) => ({ prefix, value })));
  const extra4 = routeTable4(1000, 1);
  const extra6 = routeTable6(1000, 2);
  for (const [family, apply] of [
    [
      4,
      (i: number) => (
        i % 2 === 0 ? b4.insert(extra4[i]!, i) : b4.remove(v4[(i * 7919) % v4.length]!),
        b4.table()
      ),
    ],
    [
      6,
      (i: number) => (
        i % 2 === 0 ? b6.insert(extra6[i]!, i) : b6.remove(v6[(i * 7919) % v6.length]!),
        b6.table()
      ),
    ],
  ] as const) {
    const us: number[] = [];
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < N_UPDATES; i++) us.push(timed(() => apply(i))[1] * 1000);
    const cpu = process.cpuUsage(cpu0);
    us.sort((a, b) => a - b);
    const p = (q: number): string => us[Math.floor(q * (us.length - 1))]!.toFixed(0);
    out(
      `update IPv${family} ${prefixes.toLocaleString('en')} routes (${N_UPDATES} changes, each insert/remove + table()): ` +
        `mean ${((cpu.user + cpu.system) / N_UPDATES).toFixed(0)} µs CPU; wall p50 ${p(0.5)} µs, p90 ${p(0.9)} µs, ` +
        `max ${p(1)} µs (wall includes preemption on a shared machine)`,
    );
  }
  const def4 = { family: 4, network: 0, length: 0 } as const;
  const def6 = { family: 6, words: [0, 0, 0, 0], length: 0 } as const;
  const d4 = timed(() => (b4.insert(def4, 1), b4.table()))[1] * 1000;
  const d6 = timed(() => (b6.insert(def6, 1), b6.table()))[1] * 1000;
  out(
    `update worst case (a default route, every bucket rebuilt): IPv4 ${d4.toFixed(0)} µs, IPv6 ${d6.toFixed(0)} µs`,
  );
}

function fmt(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(0);
}

function bestPeer(family: 4 | 6, prefixes: number): Row | undefined {
  const peers = rows.filter(
    (r) => r.family === family && r.prefixes === prefixes && PEERS.some((p) => p.impl === r.impl),
  );
  return peers.sort((a, b) => b.lookupsPerSec - a.lookupsPerSec)[0];
}

function report(): void {
  const head = ['impl', 'family', 'prefixes', 'addresses', 'lookups/s', 'vs best peer', 'build ms', 'bytes'];
  const body = rows.map((r) => {
    const best = bestPeer(r.family, r.prefixes);
    const ratio = best === undefined ? '-' : `${(r.lookupsPerSec / best.lookupsPerSec).toFixed(2)}x`;
    const bytes = r.bytes === null ? '-' : fmt(r.bytes) + 'B';
    return [
      r.impl,
      `IPv${r.family}`,
      r.prefixes.toLocaleString('en'),
      r.addresses.toLocaleString('en'),
      fmt(r.lookupsPerSec),
      ratio,
      r.buildMs.toFixed(1),
      bytes,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  for (const line of [head, ...body])
    out(line.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
  out('');
  for (const size of SIZES.filter((s) => s >= 10_000)) {
    for (const [family, target] of [
      [4, 30],
      [6, 10],
    ] as const) {
      const ours = rows.find((r) => r.impl === 'cloudroute' && r.family === family && r.prefixes === size);
      const best = bestPeer(family, size);
      if (ours === undefined || best === undefined) continue;
      const x = ours.lookupsPerSec / best.lookupsPerSec;
      const bestCpu = Math.max(
        ...rows
          .filter((r) => r.family === family && r.prefixes === size && PEERS.some((p) => p.impl === r.impl))
          .map((r) => r.cpuLookupsPerSec),
      );
      const xc = ours.cpuLookupsPerSec / bestCpu;
      out(
        `target IPv${family} ${size.toLocaleString('en')}: ${x.toFixed(1)}x best peer (${best.impl}), want >= ${target}x: ${x >= target ? 'met' : 'MISSED'}` +
          ` (in CPU time: ${xc.toFixed(1)}x the best peer's CPU-time rate)`,
      );
    }
  }
}

async function main(): Promise<void> {
  const problem = arkimeProblem();
  if (problem !== null) out(`note: arkime-iptrie excluded: ${problem}`);
  // Updates first, on a small heap: a major GC of the big tables' garbage would land in them.
  if (onlySizes.length === 0 && FAMILIES.length === 0) updates(10_000);
  gc();
  out(
    `lpm benchmark: the same ${N_ADDR.toLocaleString('en')} seeded addresses for every implementation (the naive scan: the first ${N_NAIVE.toLocaleString('en')} of them), rates from the median of tinybench samples, build times the median of 3 builds (1 when >= 1 s)`,
  );
  for (const size of SIZES) {
    if (FAMILIES.length === 0 || FAMILIES.includes(4)) await family4(size);
    gc();
    if (FAMILIES.length === 0 || FAMILIES.includes(6)) await family6(size);
    gc();
  }
  if (json) process.stdout.write(`${JSON.stringify(rows, null, 1)}\n`);
  report();
  out('');
  for (const n of notes) out(`note: ${n}`);
}

await main();
