import { describe, expect, it } from 'vitest';
import { initialState } from '../src/index.js';
import { awsVpc, azureHub, gcpOpenstack, profile } from './fixtures.js';

describe('initialState: converged at time 0', () => {
  it('every gateway is ready, every tunnel up, sessions established where reachable', () => {
    const s = initialState(azureHub(), profile);
    expect(s.time).toBe(0);
    expect(s.gateways).toEqual({ 'hub/vng1': { phase: 'ready', since: 0, generation: 0 } });
    // AZ-R20: active-active → two tunnels per connection, one per instance.
    expect(s.tunnels).toEqual({
      'branch-vpn': [{ up: true }, { up: true }],
      'dc1-vpn': [{ up: true }, { up: true }],
    });
    expect(s.sessions).toEqual({
      'dc1-vpn': [
        { adminUp: true, established: true },
        { adminUp: true, established: true },
      ],
    });
    expect(s.adverts).toEqual({ dc1: [{ prefix: '192.168.0.0/16' }], branch: [{ prefix: '172.16.8.0/22' }] });
  });

  it('AZ-R21: without a site route to the peer IP the session is not established, with a reason', () => {
    const s = initialState(azureHub({ siteRoutes: false }), profile);
    expect(s.sessions['dc1-vpn']?.map((x) => x.established)).toEqual([false, false]);
    expect(s.sessions['dc1-vpn']?.[0]?.reason).toMatch(/AZ-R21.*10\.1\.255\.4/);
    expect(s.sessions['dc1-vpn']?.[1]?.reason).toMatch(/AZ-R21.*10\.1\.255\.5/);
  });

  it('AZ-R21: a site route covering the peer IP (here a /24) is enough; active-standby uses base+4 only', () => {
    const t = azureHub({ activeActive: false });
    const topo = {
      ...t,
      sites: t.sites.map((x) =>
        x.name === 'dc1' ? { ...x, routes: [{ prefix: '10.1.255.0/24', via: 'dc1-vpn' }] } : x,
      ),
    };
    const s = initialState(topo, profile);
    expect(s.tunnels['dc1-vpn']).toEqual([{ up: true }]);
    expect(s.sessions['dc1-vpn']).toEqual([{ adminUp: true, established: true }]);
  });

  it('AWS-R23 and GCP-R21: two tunnels per AWS connection and per HA VPN, one for Classic VPN', () => {
    const a = initialState(awsVpc(), profile);
    expect(a.tunnels['dc-vpn']).toHaveLength(2);
    expect(a.sessions['dc-vpn']?.every((x) => x.established)).toBe(true); // inside-tunnel peer addresses
    const g = initialState(gcpOpenstack(), profile);
    expect(g.tunnels['dc1-ha']).toHaveLength(2);
    expect(g.tunnels['lab-vpn']).toHaveLength(1);
    expect(g.sessions['lab-vpn']).toBeUndefined(); // static
    expect(g.adverts['dc1']).toEqual([{ prefix: '10.50.0.0/16', med: 100 }]);
  });

  it('AZ-R22: a site advertising more than 4,000 prefixes has no session at time 0', () => {
    const t = azureHub();
    const many = Array.from({ length: 4001 }, (_, i) => ({ prefix: `10.${100 + (i >> 8)}.${i & 255}.0/24` }));
    const topo = { ...t, sites: t.sites.map((x) => (x.name === 'dc1' ? { ...x, advertise: many } : x)) };
    const s = initialState(topo, profile);
    expect(s.sessions['dc1-vpn']?.[0]).toMatchObject({ established: false });
    expect(s.sessions['dc1-vpn']?.[0]?.reason).toMatch(/AZ-R22.*4001/);
  });
});
