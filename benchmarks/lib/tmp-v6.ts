import { compile6, Trie6 } from '@cloudroute/lpm';
import { addresses6, routeTable6 } from './lpm-data.js';
const N = Number(process.argv[2] ?? 500000);
const routes = routeTable6(N, 6262 + N);
const w = addresses6(routes, 1_000_000, 9);
const trie = new Trie6(); routes.forEach((p, i) => trie.insert(p, i));
let t0 = performance.now(); const t = compile6(trie); const cms = performance.now() - t0;
const out = new Int32Array(1_000_000);
let best = 0, bestL = 0;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let r = 0; r < 7; r++) {
  t0 = cpu(); t.lookupMany(w, out); best = Math.max(best, 1e6 / (cpu() - t0) / 1000);
  t0 = cpu(); let s = 0; for (let j = 0; j < w.length; j += 4) s += t.lookup(w[j]!, w[j+1]!, w[j+2]!, w[j+3]!); bestL = Math.max(bestL, 1e6 / (cpu() - t0) / 1000);
}
console.log(`N ${N} CX ${process.env.CX} TX ${process.env.TX} compile ${cms.toFixed(0)}ms bits ${t.bits} MiB ${(t.bytes / 2**20).toFixed(1)} many ${best.toFixed(1)} loop ${bestL.toFixed(1)}`);
