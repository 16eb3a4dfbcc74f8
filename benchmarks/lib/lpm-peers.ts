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

const arkime: Peer = {
  impl: ARKIME,
  note: 'native addon; find() takes a string, so its parse is inside the timing (strings made outside)',
  build4(routes, addrs) {
    const { IPTrie } = require(ARKIME) as { IPTrie: new () => IPTrie };
    const text = routes.map((p) => formatIpv4(p.network));
    const [t, buildMs] = timeBuild(() => {
      const t = new IPTrie();
      routes.forEach((p, i) => t.add(text[i]!, p.length, i));
      return t;
    });
    const qs = Array.from(addrs, formatIpv4);
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
  },
  build6(routes, w) {
    const { IPTrie } = require(ARKIME) as { IPTrie: new () => IPTrie };
    const text = routes.map((p) => formatIpv6(p.words));
    const [t, buildMs] = timeBuild(() => {
      const t = new IPTrie();
      routes.forEach((p, i) => t.add(text[i]!, p.length, i));
      return t;
    });
    const qs = Array.from({ length: w.length / 4 }, (_, i) => formatIpv6(words(w, i)));
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
  },
};

function lpmPeer(internal: boolean): Peer {
  const make = (texts: string[], lens: number[]): Lpm => {
    const L = require('longest-prefix-match') as new () => Lpm;
    const t = new L();
    texts.forEach((s, i) => t.addPrefix(`${s}/${lens[i]!}`, i));
    return t;
  };
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
  return {
    impl: internal ? 'longest-prefix-match (pre-parsed)' : 'longest-prefix-match',
    note: internal
      ? 'its internal _getMatch() on binary strings made outside the timing: no parsing timed'
      : 'getMatch() takes "a.b.c.d/32" strings and parses them inside the timing',
    build4(routes, addrs) {
      const texts = routes.map((p) => formatIpv4(p.network));
      const [t, buildMs] = timeBuild(() =>
        make(
          texts,
          routes.map((p) => p.length),
        ),
      );
      const qs = Array.from(addrs, (a) => (internal ? bin4(a) : `${formatIpv4(a)}/32`));
      return { buildMs, bytes: null, ...runner(t, qs, 4) };
    },
    build6(routes, w) {
      const texts = routes.map((p) => formatIpv6(p.words));
      const [t, buildMs] = timeBuild(() =>
        make(
          texts,
          routes.map((p) => p.length),
        ),
      );
      const n = w.length / 4;
      const qs = Array.from({ length: n }, (_, i) =>
        internal ? bin6(words(w, i)) : `${formatIpv6(words(w, i))}/128`,
      );
      return { buildMs, bytes: null, ...runner(t, qs, 6) };
    },
  };
}

/** The npm peers, in report order. */
export const PEERS: readonly Peer[] = [arkime, lpmPeer(false), lpmPeer(true)];
