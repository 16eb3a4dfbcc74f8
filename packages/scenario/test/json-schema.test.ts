/**
 * The committed `scenario.schema.json` is the generated one; regenerate it with
 * `UPDATE_SCHEMA=1 npx vitest run packages/scenario/test/json-schema.test.ts` from the repository
 * root (or `pnpm --filter @cloudroute/scenario update-schema`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../src/index.js';
import { EXAMPLE_NAMES, edit, example } from './helpers.js';

const committedPath = fileURLToPath(new URL('../scenario.schema.json', import.meta.url));

describe('the JSON Schema', () => {
  it('is committed as scenario.schema.json, equal to the generated one', () => {
    const generated = scenarioJsonSchema();
    if (process.env['UPDATE_SCHEMA'] === '1') {
      writeFileSync(committedPath, `${JSON.stringify(generated, null, 2)}\n`);
    }
    expect(JSON.parse(readFileSync(committedPath, 'utf8'))).toEqual(generated);
  });

  it('returns a fresh object each call', () => {
    const a = scenarioJsonSchema();
    a['title'] = 'changed';
    expect(scenarioJsonSchema()['title']).toBe('cloudroute scenario');
  });

  const validate = new Ajv({ strict: false, allErrors: true }).compile(scenarioJsonSchema());

  it.each(EXAMPLE_NAMES)('accepts the contract example %s', (name) => {
    const ok = validate(parse(example(name)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('refuses an unknown field, a plain-number duration, a bad prefix and a foreign next hop', () => {
    const aws = example('aws-vpc');
    for (const broken of [
      edit(aws, 'cidrs: [172.20.0.0/16]', 'cidr_blocks: [172.20.0.0/16]'),
      edit(aws, 'horizon: 2h', 'horizon: 7200'),
      edit(aws, 'cidr: 172.20.9.0/24', 'cidr: 172.20.9.0'),
      edit(aws, '{ type: blackhole }', '{ type: None }'),
      edit(aws, 'at: 10m', 'at: -10m'),
    ]) {
      expect(validate(parse(broken))).toBe(false);
    }
  });

  it('describes the format: defaults, durations, provider unions', () => {
    const schema = scenarioJsonSchema() as {
      properties: Record<string, { default?: unknown; description?: string }>;
    };
    expect(schema.properties['seed']?.default).toBe(1);
    expect(schema.properties['horizon']?.default).toBe('1h');
    expect(schema.properties['profile']?.description).toContain('vpnGatewayProvisioning');
    const text = JSON.stringify(scenarioJsonSchema());
    for (const id of [
      'AwsNetwork',
      'AzureHost',
      'GcpNextHopVpnTunnel',
      'OpenstackPort',
      'AwsGatewayTgw',
      'AwsTgwAttachment',
      'ActionRouteAdd',
      'FaultTunnelDown',
    ])
      expect(text).toContain(`"#/definitions/${id}"`);
  });
});
