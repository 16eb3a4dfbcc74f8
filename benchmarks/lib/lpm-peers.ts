// The npm libraries a user would otherwise pick for longest-prefix match, behind one shape:
// build from prefixes, then look up a batch of addresses given in each library's natural form.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { formatIpv4, formatIpv6, type Prefix4, type Prefix6 } from '@cloudroute/lpm';
import { timeBuild } from './timing.js';

const require = createRequire(import.meta.url);

/** A built implementation: run() looks up every prepared address once and returns a checksum. */
export type Built = {
  run: () => number;
  count: number;
  buildMs: number;
  bytes: number | null;
  answer: (i: number) => number;
};

/** An implementation under test; `prepare` turns addresses into its input (outside the timing). */
export type Peer = {
  impl: string;
  note: string;
  build4?: (routes: readonly Prefix4[], addrs: Uint32Array) => Built;
  build6?: (routes: readonly Prefix6[], words: Uint32Array) => Built;
};

type IPTrie = { add(ip: string, len: number, v: number): void; find(ip: string): number | undefined };
type Lpm = {
  addPrefix(p: string, v: number): void;
  getMatch(p: string): number[];
  _getMatch(bin: string, af: number, all: boolean): { data: number }[];
};

const ARKIME = 'arkime-iptrie';

/** Why arkime-iptrie cannot run here, or null when its native addon loads. */
export function arkimeProblem(): string | null {
  try {
    const dir = require.resolve(ARKIME).replace(/iptrie\.js$/, '');
    if (!existsSync(`${dir}build/Release/iptrie.node`)) {
      return 'arkime-iptrie: native addon not built (cd its folder and run `npx node-gyp rebuild --nodedir=/usr`)';
    }
    require(ARKIME);
    return null;
  } catch (e) {
    return `arkime-iptrie: ${(e as Error).message.split('\n')[0]}`;
  }
}

function words(w: Uint32Array, i: number): [number, number, number, number] {
  return [w[4 * i]!, w[4 * i + 1]!, w[4 * i + 2]!, w[4 * i + 3]!];
}

function bin4(n: number): string {
  return n.toString(2).padStart(32, '0');
}

function bin6(w: readonly number[]): string {
  return w.map((x) => x.toString(2).padStart(32, '0')).join('');
}

/** A route's network as text, the form the string-keyed peers take. */
function networkText(p: Prefix4 | Prefix6): string {
  return p.family === 4 ? formatIpv4(p.network) : formatIpv6(p.words);
}

/** The IPv6 addresses of `w` (4 words each) as `text` gives them, one string per address. */
function texts6(w: Uint32Array, text: (words: [number, number, number, number]) => string): string[] {
  return Array.from({ length: w.length / 4 }, (_, i) => text(words(w, i)));
}

/** arkime's trie of `routes`, looking up the strings `queries()` makes (after the build, outside the timing). */
function arkimeBuilt(routes: readonly (Prefix4 | Prefix6)[], queries: () => string[]): Built {
  const { IPTrie } = require(ARKIME) as { IPTrie: new () => IPTrie };
  const text = routes.map(networkText);
  const [t, buildMs] = timeBuild(() => {
    const t = new IPTrie();
    routes.forEach((p, i) => t.add(text[i]!, p.length, i));
    return t;
  });
  const qs = queries();
  return {
    buildMs,
    bytes: null,
    count: qs.length,
    run: () => {
      let s = 0;
      for (const q of qs) s += t.find(q) ?? -1;
      return s;
    },
    answer: (i) => t.find(qs[i]!) ?? -1,
  };
}

const arkime: Peer = {
  impl: ARKIME,
  note: 'native addon; find() takes a string, so its parse is inside the timing (strings made outside)',
  build4: (routes, addrs) => arkimeBuilt(routes, () => Array.from(addrs, formatIpv4)),
  build6: (routes, w) => arkimeBuilt(routes, () => texts6(w, formatIpv6)),
};

function lpmPeer(internal: boolean): Peer {
  const runner = (t: Lpm, qs: string[], af: number): Pick<Built, 'run' | 'answer' | 'count'> =>
    internal
      ? {
          count: qs.length,
          run: () => {
            let s = 0;
            for (const q of qs) s += t._getMatch(q, af, false)[0]?.data ?? -1;
            return s;
          },
          answer: (i) => t._getMatch(qs[i]!, af, false)[0]?.data ?? -1,
        }
      : {
          count: qs.length,
          run: () => {
            let s = 0;
            for (const q of qs) s += t.getMatch(q)[0] ?? -1;
            return s;
          },
          answer: (i) => t.getMatch(qs[i]!)[0] ?? -1,
        };
  /** The library's table of `routes`, looking up the strings `queries()` makes (outside the timing). */
  const built = (routes: readonly (Prefix4 | Prefix6)[], af: 4 | 6, queries: () => string[]): Built => {
    const texts = routes.map(networkText);
    const [t, buildMs] = timeBuild(() => {
      const L = require('longest-prefix-match') as new () => Lpm;
      const t = new L();
      texts.forEach((s, i) => t.addPrefix(`${s}/${routes[i]!.length}`, i));
      return t;
    });
    return { buildMs, bytes: null, ...runner(t, queries(), af) };
  };
  return {
    impl: internal ? 'longest-prefix-match (pre-parsed)' : 'longest-prefix-match',
    note: internal
      ? 'its internal _getMatch() on binary strings made outside the timing: no parsing timed'
      : 'getMatch() takes "a.b.c.d/32" strings and parses them inside the timing',
    build4: (routes, addrs) =>
      built(routes, 4, () => Array.from(addrs, (a) => (internal ? bin4(a) : `${formatIpv4(a)}/32`))),
    build6: (routes, w) =>
      built(routes, 6, () => texts6(w, (x) => (internal ? bin6(x) : `${formatIpv6(x)}/128`))),
  };
}

/** The npm peers, in report order. */
export const PEERS: readonly Peer[] = [arkime, lpmPeer(false), lpmPeer(true)];
