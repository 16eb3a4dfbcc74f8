/**
 * The commands that look at one scenario without simulating flows: `validate`, `schema`,
 * `routes` (a table at a moment) and `trace` (one packet at a moment).
 */
import { scenarioJsonSchema, type Scenario } from '@cloudroute/scenario';
import { effectiveRoutes, type NetworkState } from '@cloudroute/model';
import { trace } from '@cloudroute/sim';
import { formatRoutes, formatTrace, toJson } from '@cloudroute/report';
import { load, time, UsageError, type CommandContext } from '../context.js';
import { packetFlags } from '../packet-flags.js';
import { runCompare } from './compare.js';
import { atAndSince, momentOf } from './moment.js';

export function registerInspect({ io, useColor, cmd, setExit }: CommandContext): void {
  /**
   * `view` of the scenario `file` at `--at` (`atText`): the document with `at` the time asked and
   * `since` the earliest moment of the same answer (`key` says when two answers are the same).
   */
  const answerAt = <T extends { readonly at: number }>(
    file: string,
    atText: string,
    view: (state: NetworkState) => T,
    key: (value: T) => string,
  ): { readonly sc: Scenario; readonly doc: T & { readonly since: number } } => {
    const sc = load(io, file);
    const at = time('--at', atText);
    const m = momentOf(sc, file, { seconds: at, text: atText }, view, key, UsageError);
    return { sc, doc: atAndSince(m.value, at, m.since) };
  };

  cmd('validate', 'check a scenario file; print every problem with file:line:column')
    .argument('<scenario>')
    .action((file: string) => {
      const sc = load(io, file);
      io.stdout(
        `${file}: ok (${sc.topology.networks.length} networks, ${sc.flows.length} flow groups, ${sc.timeline.length} timeline events)\n`,
      );
    });

  cmd('schema', 'print the JSON Schema of scenario files').action(() =>
    io.stdout(toJson(scenarioJsonSchema())),
  );

  cmd('routes', "a subnet's effective route table at a moment, in the provider's own vocabulary")
    .argument('<scenario>')
    .requiredOption('--subnet <net/subnet>', 'the subnet (GCP: also net/host; OpenStack: net/router)')
    .option('--at <time>', 'moment from the scenario start, e.g. 15m', '0s')
    .option('--json', 'print the routes document')
    .option(
      '--compare <export.json>',
      "hold the provider's own effective-routes export against the simulated table (exit 1 on differences)",
    )
    .action((file: string, o: { subnet: string; at: string; json?: boolean; compare?: string }) => {
      const { sc, doc: view } = answerAt(
        file,
        o.at,
        (st) => effectiveRoutes(st, o.subnet),
        (v) => JSON.stringify(v.routes),
      );
      if (view.error) throw new UsageError(`--subnet ${o.subnet}: ${view.error.message}`);
      if (o.compare !== undefined) {
        setExit(runCompare(io, { view, scenario: sc, file: o.compare, json: o.json === true }, UsageError));
        return;
      }
      io.stdout(o.json ? toJson(view) : formatRoutes(view, { color: useColor }));
    });

  cmd('trace', 'one packet hop by hop: the route chosen at each hop, the routes it beat, the verdict')
    .argument('<scenario>')
    .requiredOption(
      '--from <net/subnet|net/host|site|ip>',
      "where the packet starts (a site, or an address in a site's cidrs: the site's own table)",
    )
    .requiredOption('--to <ip>', 'destination address')
    .option('--at <time>', 'moment from the scenario start, e.g. 15m', '0s')
    .option(
      '--protocol <tcp|udp|icmp|any>',
      "the packet's protocol (filters: `firewall: rules`); default any",
    )
    .option('--port <n>', 'destination port (with --protocol tcp or udp); default every port')
    .option('--source-port <lo-hi>', "the client's source ports; default the profile's flows.sourcePorts")
    .option('--json', 'print the trace document')
    .action(
      (
        file: string,
        o: {
          from: string;
          to: string;
          at: string;
          json?: boolean;
          protocol?: string;
          port?: string;
          sourcePort?: string;
        },
      ) => {
        let packet;
        try {
          packet = packetFlags(o);
        } catch (e) {
          throw new UsageError((e as Error).message);
        }
        const t = answerAt(
          file,
          o.at,
          (st) => trace(st, o.from, o.to, packet),
          (v) => JSON.stringify({ ...v, at: 0 }),
        ).doc;
        io.stdout(o.json ? toJson(t) : formatTrace(t, { color: useColor }));
      },
    );
}
