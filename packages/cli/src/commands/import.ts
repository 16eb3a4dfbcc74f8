/**
 * `cloudroute import aws|azure|terraform <paths...>`: a scenario from real configuration
 * (DESIGN.md "Contracts"). The importers in @cloudroute/import do no I/O; this command reads the
 * files (folders recursively, `.json` files only, in name order) and writes the scenario to stdout
 * or `-o`. Warnings go to stderr (and into the scenario's header comment); bad input is a usage
 * error naming the file and the JSON path (exit 2).
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import {
  formatWarning,
  importAws,
  importAzure,
  importTerraform,
  ImportInputError,
  walkFolder,
  type FolderFs,
  type ImportResult,
  type ImportWarning,
  type SourceFile,
} from '@cloudroute/import';
import type { Io } from '../context.js';

/** The CLI's usage error (printed as is, exit 2). */
export type UsageErrorClass = new (message: string) => Error;

const PROVIDERS = ['aws', 'azure', 'terraform'] as const;
type ImportProvider = (typeof PROVIDERS)[number];

const HELP = `
Inputs:
  aws        one JSON file per \`aws ec2 describe-*\` call (describe-vpcs, describe-subnets,
             describe-route-tables, describe-internet-gateways, describe-nat-gateways,
             describe-vpn-gateways, describe-vpn-connections, describe-customer-gateways,
             describe-vpc-peering-connections, describe-transit-gateway*, describe-prefix-lists,
             describe-network-interfaces, describe-instances), or a folder of them nested by
             account and region (Batfish's aws_configs layout)
  azure      ARM JSON (az resource show, the portal's JSON view, ARM exports) or the JSON of
             az network vnet / route-table / nic / vnet-gateway / local-gateway /
             vpn-connection show or list
  terraform  terraform show -json of a plan or a state (format 0.x or 1.x); --what-if makes the
             prior state the topology and the plan's changes the timeline

Examples:
  $ cloudroute import aws aws_configs/ -o network.yaml
  $ cloudroute import aws vpcs.json subnets.json route-tables.json > network.yaml
  $ cloudroute import azure hub-vnet.json hub-rt.json hub-gw.json -o hub.yaml
  $ cloudroute import terraform plan.json -o after-apply.yaml
  $ cloudroute import terraform plan.json --what-if -o apply.yaml && cloudroute run apply.yaml
`;

/** node:fs for the folder walk (each real file once, link loops reported). */
const FS: FolderFs = {
  readdir: (p) => readdirSync(p),
  stat: (p) => statSync(p),
  realpath: (p) => realpathSync(p),
};

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The files of the arguments: files as given, folders walked for `.json` files (each real file
 * once; a symbolic link loop is not followed, and `warnings` gets a warning for it).
 */
export function readSources(
  io: Io,
  paths: readonly string[],
  UsageError: UsageErrorClass,
  warnings: ImportWarning[] = [],
): SourceFile[] {
  const files: string[] = [];
  for (const p of paths) {
    if (!isDirectory(p)) {
      files.push(p);
      continue;
    }
    const walked = walkFolder(p, FS);
    warnings.push(...walked.warnings);
    const found = walked.files;
    if (found.length === 0)
      throw new UsageError(
        `${p}: no .json file in this folder — pass the folder of the exports or the files themselves`,
      );
    files.push(...found);
  }
  return files.map((path) => {
    try {
      return { path, text: io.readFile(path) };
    } catch (e) {
      const code = (e as { code?: string }).code;
      const why =
        code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
      throw new UsageError(`${path}: cannot read the export (${why}) — check the path`);
    }
  });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summary(r: ImportResult): string {
  const s = r.summary;
  return `imported ${plural(s.networks, 'network')}, ${plural(s.subnets, 'subnet')}, ${plural(s.routeTables, 'route table')} (${plural(s.routes, 'route')}), ${plural(s.hosts, 'host')}, ${plural(s.gateways, 'gateway')}, ${plural(s.sites, 'site')}, ${plural(s.connections, 'connection')}, ${plural(s.peerings, 'peering')}, ${plural(s.timeline, 'timeline event')}; ${plural(r.warnings.length, 'warning')}`;
}

interface ImportFlags {
  out?: string;
  whatIf?: boolean;
  name?: string;
}

/** Adds `import <aws|azure|terraform> <paths...> [-o file] [--what-if] [--name name]` to the program. */
export function registerImport(program: Command, io: Io, UsageError: UsageErrorClass): Command {
  return program
    .command('import')
    .description(
      'a scenario from real configuration: AWS CLI describe-* JSON, Azure JSON, or a Terraform plan or state',
    )
    .argument('<provider>', 'aws, azure or terraform')
    .argument('<paths...>', 'export files or folders (terraform: one plan or state)')
    .option('-o, --out <scenario.yaml>', 'write the scenario to this file instead of stdout')
    .option('--what-if', 'terraform: the prior state as the topology, the plan as the timeline')
    .option('--name <name>', "the scenario's name")
    .addHelpText('after', HELP)
    .action((provider: string, paths: string[], o: ImportFlags) => {
      if (!(PROVIDERS as readonly string[]).includes(provider))
        throw new UsageError(
          `import ${provider}: unknown source — use aws, azure or terraform (e.g. cloudroute import aws aws_configs/)`,
        );
      const p = provider as ImportProvider;
      if (o.whatIf === true && p !== 'terraform')
        throw new UsageError(
          `--what-if is for terraform plans — cloudroute import terraform plan.json --what-if`,
        );
      if (p === 'terraform' && paths.length !== 1)
        throw new UsageError(
          `import terraform takes one plan or state (terraform show -json), got ${paths.length} paths`,
        );
      if (o.name !== undefined && (o.name.trim() === '' || /[\r\n]/.test(o.name) || o.name.length > 200))
        throw new UsageError(`--name: a scenario name is one line of 1 to 200 characters`);
      const walkWarnings: ImportWarning[] = [];
      const sources = readSources(io, paths, UsageError, walkWarnings);
      const options = {
        ...(walkWarnings.length > 0 ? { warnings: walkWarnings } : {}),
        ...(o.name !== undefined ? { name: o.name } : {}),
        ...(o.out !== undefined ? { file: o.out } : {}),
      };
      let r: ImportResult;
      try {
        const first = sources[0];
        r =
          p === 'aws'
            ? importAws(sources, options)
            : p === 'azure'
              ? importAzure(sources, options)
              : importTerraform(first ?? { path: '', text: '' }, { ...options, whatIf: o.whatIf === true });
      } catch (e) {
        if (e instanceof ImportInputError) throw new UsageError(e.message);
        throw e;
      }
      for (const w of r.warnings) io.stderr(`warning: ${formatWarning(w)}\n`);
      if (o.out !== undefined) io.writeFile(o.out, r.text);
      else io.stdout(r.text);
      io.stderr(`${summary(r)}${o.out !== undefined ? ` → ${o.out}` : ''}\n`);
    });
}

/**
 * `cloudroute import …` on its own (argv without the leading `import`): the command in a program of
 * its own, with main.ts's error handling (usage errors printed, exit 2). For tests and embedding
 * until the command is wired into main.ts.
 */
export async function runImport(
  argv: readonly string[],
  io: Io,
  UsageError: UsageErrorClass,
): Promise<number> {
  const program = new Command('cloudroute').exitOverride().configureOutput({
    writeOut: (s) => io.stdout(s),
    writeErr: (s) => io.stderr(s),
    outputError: (s, w) => w(s),
  });
  registerImport(program, io, UsageError);
  try {
    await program.parseAsync(['import', ...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${e.message}\n`);
      return 2;
    }
    if (e instanceof CommanderError)
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.help' ? 0 : 2;
    throw e;
  }
}
