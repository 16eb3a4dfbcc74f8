/**
 * `cloudroute explain`: drop reasons, verdicts, rule ids, invariants and examples from the rule
 * book, through `main`; and the bundled copy of the rule book in sync with docs/.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { OUTCOMES } from '@cloudroute/sim';
import { cli } from './helpers.js';

const root = join(import.meta.dirname, '..');

describe('cloudroute explain', () => {
  test('a drop reason: what it means, the typical cause, what to change, the rules behind it', async () => {
    const r = await cli(['explain', 'none-route']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('none-route (drop reason)');
    expect(lines[1]).toBe('drop reason · docs/reasons.md#none-route');
    expect(r.stdout).toContain('An Azure route with next hop None matched');
    expect(r.stdout).toMatch(/^Typical cause: +a destination in 10\/8/m);
    expect(r.stdout).toMatch(/^What to change: /m);
    expect(r.stdout).toMatch(/^Rules: +AZ-R1, AZ-R2, AZ-R5$/m);
    // Wrapped for a terminal: no line longer than 100 columns unless it is one long word.
    for (const l of lines) if (l.length > 100) expect(l.trim()).not.toContain(' ');
  });

  test('every outcome of the data plane has an explanation, and so do the verdicts', async () => {
    for (const code of [...OUTCOMES, 'dropped']) {
      const r = await cli(['explain', code, '--json']);
      expect(r.code, code).toBe(0);
      const doc = JSON.parse(r.stdout) as { id: string; kind: string; text: string };
      expect(doc.id).toBe(code);
      expect(doc.kind).toBe(code === 'delivered' || code === 'dropped' ? 'verdict' : 'reason');
      expect(doc.text.length).toBeGreaterThan(20);
    }
  });

  test('a rule id, in any case: the rule in the project words, its source, code and tests', async () => {
    const r = await cli(['explain', 'az-r8']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('AZ-R8 — How Azure picks a route');
    expect(r.stdout).toContain('provider rule · docs/rules/azure.md#az-r8--how-azure-picks-a-route');
    expect(r.stdout).toMatch(
      /^Source: +https:\/\/learn\.microsoft\.com\/azure\/virtual-network\/virtual-networks-udr-overview$/m,
    );
    expect(r.stdout).toContain('packages/model/src/azure/route-selection.ts');
    expect(r.stdout).toContain('packages/model/test/azure.test.ts');
    expect((await cli(['explain', 'AZ-R8'])).stdout).toBe(r.stdout);
    expect((await cli(['explain', 'azr8'])).stdout).toBe(r.stdout);
  });

  test('a default ([GUESS]) is marked as such', async () => {
    const r = await cli(['explain', 'GCP-R6', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(doc['status']).toBe('modelled');
    expect(doc['default']).toContain('gcp.stoppedNextHop');
    expect(doc['tests']).toContain('packages/model/test/gcp.test.ts');
    expect(doc['doc']).toBe('docs/rules/gcp.md#gcp-r6--unusable-next-hops');
  });

  test('a rule the simulator does not implement says so', async () => {
    const doc = JSON.parse((await cli(['explain', 'AZ-R24', '--json'])).stdout) as Record<string, unknown>;
    expect(doc['status']).toMatch(/^not modelled/);
    expect(doc['code']).toEqual([]);
  });

  test('invariants and worked examples', async () => {
    const r = await cli(['explain', 'invariant-37']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('invariant-37 — Neutron pairs need port security');
    expect(r.stdout).toContain('packages/engine/test/invariant-37.test.ts');
    for (const alias of ['invariant 37', 'Invariant37', 'inv-37'])
      expect((await cli(['explain', alias])).stdout).toBe(r.stdout);
    const ex = await cli(['explain', 'ex-gcp-3']);
    expect(ex.stdout.split('\n')[0]).toBe('EX-GCP-3 — BGP beats a static route by priority');
  });

  test('an unknown topic: exit 2 with did-you-mean, never a stack trace', async () => {
    const r = await cli(['explain', 'none-rout']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'explain none-rout: not a drop reason, verdict, rule id or invariant of the rule book — did you mean none-route, no-route? (cloudroute explain --list shows them all)\n',
    );
    const id = await cli(['explain', 'AZ-R80']);
    expect(id.code).toBe(2);
    expect(id.stderr).toContain('did you mean AZ-R8, ');
    const far = await cli(['explain', 'bgp-flapping-everywhere']);
    expect(far.code).toBe(2);
    expect(far.stderr).not.toContain('did you mean');
    expect(far.stderr).toContain('cloudroute explain --list');
    const none = await cli(['explain']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('e.g. cloudroute explain none-route');
  });

  test('--list names every entry once; --list --json as data', async () => {
    const r = await cli(['explain', '--list']);
    expect(r.code).toBe(0);
    for (const id of ['none-route', 'AWS-R5', 'AZ-R22', 'GCP-R11', 'OS-R7', 'invariant-56', 'EX-GCP-7'])
      expect(r.stdout).toMatch(new RegExp(`^  ${id} `, 'm'));
    const list = JSON.parse((await cli(['explain', '--list', '--json'])).stdout) as { id: string }[];
    expect(new Set(list.map((e) => e.id)).size).toBe(list.length);
    expect(list.length).toBeGreaterThan(200);
  });

  test('help lists the command with examples', async () => {
    const r = await cli(['explain', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('$ cloudroute explain none-route');
    expect((await cli(['--help'])).stdout).toMatch(/^ {2}explain \[options\] \[topic\]/m);
  });
});

describe('the bundled rule book', () => {
  test('packages/cli/src/generated/rule-book.ts is what docs/ gives (regenerate: node scripts/check-rule-ids.mjs --write)', async () => {
    const script = (await import(pathToFileURL(join(root, 'scripts/check-rule-ids.mjs')).href)) as {
      parseDocs: () => unknown[];
      renderModule: (entries: unknown[]) => Promise<string>;
    };
    const generated = readFileSync(join(root, 'packages/cli/src/generated/rule-book.ts'), 'utf8');
    expect(generated).toBe(await script.renderModule(script.parseDocs()));
  });

  test('the rule-id check passes: every cited id is documented and every modelled id has a test', () => {
    // Throws (exit 1) with the problems listed when the check fails.
    execFileSync(process.execPath, [join(root, 'scripts/check-rule-ids.mjs')], { cwd: root, stdio: 'pipe' });
  });
});
