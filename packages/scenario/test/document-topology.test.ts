/**
 * `topologyOfDocument`: the topology sections of a plain document as a loaded scenario's
 * topology, or what the schema refuses in them (the importer's check of large documents).
 */
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { topologyOfDocument } from '../src/index.js';
import { EXAMPLE_NAMES, example, load } from './helpers.js';

describe('topologyOfDocument', () => {
  it.each(EXAMPLE_NAMES)('%s: the topology loadScenario builds, but for the firewall mode', (name) => {
    const text = example(name);
    const { firewall: _firewall, ...loaded } = load(text).scenario!.topology;
    expect(topologyOfDocument(parse(text) as Record<string, unknown>)).toEqual({ topology: loaded });
  });

  it('reads an undefined field as absent and leaves the document as it was', () => {
    const doc = {
      networks: [{ name: 'n', provider: 'aws', cidrs: ['10.0.0.0/16'], id: undefined }],
      timeline: [{ at: 'never' }],
    };
    const before = structuredClone(doc);
    const read = topologyOfDocument(doc);
    expect('topology' in read && read.topology.networks.map((n) => [n.name, 'id' in n])).toEqual([
      ['n', false],
    ]);
    expect(doc).toEqual(before);
  });

  it('gives what the schema refuses at its path in the document', () => {
    const read = topologyOfDocument({ networks: [{ name: 'n', provider: 'aws', cidrs: 'x' }] });
    expect('issues' in read && read.issues.map((i) => i.path)).toEqual([['networks', 0, 'cidrs']]);
  });
});
