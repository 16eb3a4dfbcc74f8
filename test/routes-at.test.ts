/**
 * `routes --at` and `trace --at` answer for the time asked (issue 18): the document's `at` is the
 * time asked in seconds, `since` the earliest moment from which the same answer holds, and the text
 * says "at 15m (unchanged since 10m)". A time after the horizon is refused (exit 2): nothing is
 * simulated there.
 */
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const LESSON_1 = 'scenarios/lesson-1-bgp-default-route.yaml'; // dc1 advertises 0.0.0.0/0 from 10m to 40m; horizon 2h

describe('routes --at', () => {
  it('prints the time asked and since when the table holds', async () => {
    const r = await cli(['routes', LESSON_1, '--subnet', 'hub/web', '--at', '15m']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Effective routes of hub/web at 15m (unchanged since 10m)');
  });

  it('JSON: at is the time asked in seconds, since when the table holds', async () => {
    const r = await cli(['routes', LESSON_1, '--subnet', 'hub/web', '--at', '15m', '--json']);
    const doc = JSON.parse(r.stdout) as { subnet: string; at: number; since: number };
    expect([doc.subnet, doc.at, doc.since]).toEqual(['hub/web', 900, 600]);
    expect(Object.keys(doc)).toEqual(['subnet', 'at', 'since', 'routes']);
  });

  it('at the moment of a change: no "unchanged since"', async () => {
    const r = await cli(['routes', LESSON_1, '--subnet', 'hub/web', '--at', '10m']);
    expect(r.stdout.split('\n')[0]).toBe('Effective routes of hub/web at 10m');
  });

  it('since is per table: a table the change does not touch holds since 0s', async () => {
    const r = await cli(['routes', LESSON_1, '--subnet', 'vpc/public', '--at', '15m', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ at: 900, since: 0 });
  });

  it('since is the start of the unbroken stretch: back to the first table at 40m is "since 40m", not 0s', async () => {
    const r = await cli(['routes', LESSON_1, '--subnet', 'hub/web', '--at', '50m', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ at: 3000, since: 2400 });
  });

  it('the horizon itself is answered (the state the run ends with)', async () => {
    const r = await cli(['routes', LESSON_1, '--subnet', 'hub/web', '--at', '2h']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Effective routes of hub/web at 2h (unchanged since 40m)');
  });

  it('after the horizon: exit 2, naming the horizon and what to do; nothing on stdout', async () => {
    const r = await cli(['routes', LESSON_1, '--subnet', 'hub/web', '--at', '1000d']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `--at 1000d: after the horizon 2h of ${LESSON_1} — the scenario is simulated from 0s to 2h; ask for a time up to 2h, or raise \`horizon\`\n`,
    );
  });
});

describe('trace --at', () => {
  it('prints the time asked and since when the path holds', async () => {
    const r = await cli(['trace', LESSON_1, '--from', 'hub/web', '--to', '8.8.8.8', '--at', '15m']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Trace hub/web → 8.8.8.8 at 15m (unchanged since 10m)');
  });

  it('JSON: at is the time asked, since follows it', async () => {
    const r = await cli(['trace', LESSON_1, '--from', 'hub/web', '--to', '8.8.8.8', '--at', '15m', '--json']);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect([doc['at'], doc['since'], doc['verdict']]).toEqual([900, 600, 'dropped']);
    expect(Object.keys(doc).slice(0, 4)).toEqual(['from', 'to', 'at', 'since']);
  });

  it('after the horizon: exit 2', async () => {
    const r = await cli(['trace', LESSON_1, '--from', 'hub/web', '--to', '8.8.8.8', '--at', '1000d']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--at 1000d: after the horizon 2h/);
  });
});
