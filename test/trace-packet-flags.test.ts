/**
 * `trace --protocol --port --source-port` (FILTERS.md "Output"): bad values are the user's mistake
 * (exit 2, the option named, what to give); good ones reach the filters.
 */
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const FILE = 'scenarios/lesson-3-nsg-internet-deny.yaml';
const BASE = ['trace', FILE, '--from', 'vpc/app', '--to', '8.8.8.8', '--at', '61m'];

describe('trace packet options', () => {
  it.each([
    [['--protocol', 'tcpp'], /--protocol "tcpp": give one of tcp, udp, icmp or any/],
    [
      ['--protocol', 'icmp', '--port', '80'],
      /--port 80: a destination port needs --protocol tcp or --protocol udp/,
    ],
    [['--port', '443'], /--port 443: a destination port needs --protocol tcp/],
    [
      ['--protocol', 'tcp', '--port', '70000'],
      /--port "70000": not a port — give a whole number from 0 to 65535/,
    ],
    [['--source-port', '6000-5000'], /--source-port 6000-5000: the range is backwards/],
    [['--source-port', 'high'], /--source-port "high": give a port or a range lo-hi/],
  ])('%j is refused with exit 2 and what to give', async (flags, message) => {
    const r = await cli([...BASE, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('AWS-R42: the packet options reach the filters (a reply to ephemeral ports meets the narrowed NACL)', async () => {
    const r = await cli([...BASE, '--protocol', 'tcp', '--port', '443', '--json']);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout) as {
      verdict: string;
      filter?: { object: string; rule: string; phase: string };
    };
    expect(t.verdict).toBe('dropped');
    expect(t.filter).toMatchObject({ object: 'vpc/app-acl', rule: '*', phase: 'reply' });
    // Replies to source port 443 itself pass the narrowed inbound rule 100.
    const ok = await cli([...BASE, '--protocol', 'tcp', '--port', '443', '--source-port', '443', '--json']);
    expect((JSON.parse(ok.stdout) as { verdict: string }).verdict).toBe('delivered');
  });
});
