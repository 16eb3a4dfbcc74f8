/**
 * BGP and tunnel events: advertisements, administrative session and tunnel commands, and the two
 * session facts the engine schedules (established after `bgpSessionEstablish`, dropped at the
 * hold time). Session and tunnel status itself is recomputed by `reconcileLinks`.
 */
import { castDraft } from 'immer';
import type { Advertisement, NetworkState, SessionStatus } from '@cloudroute/model';
import type {
  BgpAdvertised,
  BgpSessionDisabled,
  BgpSessionDropped,
  BgpSessionEnabled,
  BgpSessionEstablished,
  BgpWithdrawn,
  TunnelDowned,
  TunnelUpped,
} from '../events.js';
import { formatPrefix, parsePrefix } from './ip.js';
import { linksOf, session, sessionCondition, tunnelCount } from './links.js';
import { connections, findGateway, findSite } from './lookup.js';
import { STALE, change, refuse } from './outcome.js';
import type { NoteDraft, Outcome, Refused } from './outcome.js';

function speakerExists(state: NetworkState, speaker: string): boolean {
  if (speaker.includes('/')) {
    const f = findGateway(state.topology, speaker);
    return f !== undefined && state.gateways[speaker]?.phase !== 'deleted';
  }
  return findSite(state.topology, speaker) !== undefined;
}

function canonicalPrefixes(prefixes: readonly string[]): string[] | Refused {
  const out: string[] = [];
  for (const text of prefixes) {
    const p = parsePrefix(text);
    if (!p) return refuse('invalid-prefix', `${text} is not an IP prefix`);
    if (p.hostBits)
      return refuse('invalid-prefix', `${text} has host bits set — did you mean ${formatPrefix(p)}?`);
    out.push(formatPrefix(p));
  }
  return out;
}

/** Key of an advertisement for comparison: its canonical prefix. */
function keyOf(a: Advertisement): string {
  const p = parsePrefix(a.prefix);
  return p ? formatPrefix(p) : a.prefix;
}

function bgpLinks(state: NetworkState, speaker: string): readonly string[] {
  const idx = connections(state.topology);
  return linksOf(state.topology, speaker).filter((c) => idx.byName.get(c)?.bgp === true);
}

export function bgpAdvertised(state: NetworkState, ev: BgpAdvertised): Outcome {
  if (!speakerExists(state, ev.speaker))
    return refuse('not-found', `no BGP speaker ${ev.speaker || '(none given)'}`);
  const keys = canonicalPrefixes(ev.prefixes);
  if (!Array.isArray(keys)) return keys;
  const links = bgpLinks(state, ev.speaker);
  const notes: NoteDraft[] = [];
  if (links.length === 0) {
    notes.push({
      severity: 'info',
      rule: 'no-bgp-session',
      message: `${ev.speaker} has no BGP connection: the advertisement reaches nobody`,
    });
  }
  const adverts = ev.prefixes.map((prefix): Advertisement => ({
    prefix,
    ...(ev.med === undefined ? {} : { med: ev.med }),
    ...(ev.asPath === undefined ? {} : { asPath: ev.asPath }),
  }));
  const current = state.adverts[ev.speaker] ?? [];
  return change(
    (d) => {
      // Re-advertising a prefix replaces its attributes; new prefixes go to the end.
      const list = [...current];
      const at = new Map(list.map((a, i) => [keyOf(a), i]));
      adverts.forEach((a, k) => {
        const key = keys[k] ?? a.prefix;
        const i = at.get(key);
        if (i === undefined) {
          at.set(key, list.length);
          list.push(a);
        } else list[i] = a;
      });
      d.adverts[ev.speaker] = castDraft(list);
    },
    (t) => t.speaker(ev.speaker),
    { links, notes },
  );
}

export function bgpWithdrawn(state: NetworkState, ev: BgpWithdrawn): Outcome {
  if (!speakerExists(state, ev.speaker))
    return refuse('not-found', `no BGP speaker ${ev.speaker || '(none given)'}`);
  const keys = canonicalPrefixes(ev.prefixes);
  if (!Array.isArray(keys)) return keys;
  const current = state.adverts[ev.speaker] ?? [];
  const have = new Set(current.map(keyOf));
  const missing = keys.filter((k) => !have.has(k));
  if (missing.length > 0) {
    return refuse('not-found', `${ev.speaker} does not advertise ${missing.join(', ')}`);
  }
  const drop = new Set(keys);
  return change(
    (d) => {
      d.adverts[ev.speaker] = castDraft(current.filter((a) => !drop.has(keyOf(a))));
    },
    (t) => t.speaker(ev.speaker),
    { links: bgpLinks(state, ev.speaker) },
  );
}

function checkLink(
  state: NetworkState,
  name: string,
  tunnel: number | undefined,
  needBgp: boolean,
): Refused | number {
  const conn = connections(state.topology).byName.get(name);
  if (!conn) return refuse('not-found', `no connection ${name}`);
  if (needBgp && !conn.bgp)
    return refuse('not-bgp', `${name} is a static (bgp: false) connection: it has no BGP session`);
  const n = tunnelCount(state.topology, conn);
  if (tunnel !== undefined && !(Number.isInteger(tunnel) && tunnel >= 0 && tunnel < n)) {
    return refuse(
      'not-found',
      `${name} has ${n} tunnel${n === 1 ? '' : 's'} (0..${n - 1}); there is no tunnel ${tunnel}`,
    );
  }
  return n;
}

export function sessionAdmin(state: NetworkState, ev: BgpSessionDisabled | BgpSessionEnabled): Outcome {
  const n = checkLink(state, ev.connection, ev.tunnel, true);
  if (typeof n !== 'number') return n;
  const adminUp = ev.type === 'bgp.session.enabled';
  return change(
    (d) => {
      const list = (d.sessions[ev.connection] ??= []);
      for (let i = 0; i < n; i++) {
        if (ev.tunnel !== undefined && ev.tunnel !== i) continue;
        const cur = list[i];
        if (cur) cur.adminUp = adminUp;
        else list[i] = { adminUp, established: false };
      }
    },
    (t) => t.connection(ev.connection),
    { links: [ev.connection] },
  );
}

export function tunnelAdmin(state: NetworkState, ev: TunnelDowned | TunnelUpped): Outcome {
  const n = checkLink(state, ev.connection, ev.tunnel, false);
  if (typeof n !== 'number') return n;
  const adminUp = ev.type === 'tunnel.upped';
  return change(
    (d) => {
      const list = (d.tunnels[ev.connection] ??= []);
      for (let i = 0; i < n; i++) {
        if (ev.tunnel !== undefined && ev.tunnel !== i) continue;
        const cur = list[i] ?? (list[i] = { up: adminUp });
        // The computed `up` follows in reconcileLinks; only the command is recorded here.
        if (adminUp) delete cur.adminUp;
        else cur.adminUp = false;
      }
    },
    (t) => t.connection(ev.connection),
    { links: [ev.connection] },
  );
}

function sessionAt(state: NetworkState, conn: string, i: number): SessionStatus | undefined {
  return state.sessions[conn]?.[i];
}

export function sessionEstablished(state: NetworkState, ev: BgpSessionEstablished): Outcome {
  const conn = connections(state.topology).byName.get(ev.connection);
  const s = sessionAt(state, ev.connection, ev.tunnel);
  if (!conn || !s || s.established || s.establishAt !== ev.at) return STALE;
  const cond = sessionCondition(state, conn, ev.tunnel, s.adminUp, state.tunnels[ev.connection]?.[ev.tunnel]);
  if (cond.kind !== 'up') return STALE;
  return change(
    (d) => {
      const list = d.sessions[ev.connection];
      if (list) list[ev.tunnel] = session({ adminUp: s.adminUp, established: true });
    },
    (t) => t.connection(ev.connection),
  );
}

export function sessionDropped(state: NetworkState, ev: BgpSessionDropped): Outcome {
  const conn = connections(state.topology).byName.get(ev.connection);
  const s = sessionAt(state, ev.connection, ev.tunnel);
  if (!conn || !s || !s.established || s.holdExpires !== ev.at) return STALE;
  const cond = sessionCondition(state, conn, ev.tunnel, s.adminUp, state.tunnels[ev.connection]?.[ev.tunnel]);
  if (cond.kind === 'up') return STALE;
  return change(
    (d) => {
      const list = d.sessions[ev.connection];
      if (list) list[ev.tunnel] = session({ adminUp: s.adminUp, established: false, reason: cond.reason });
    },
    (t) => t.connection(ev.connection),
  );
}
