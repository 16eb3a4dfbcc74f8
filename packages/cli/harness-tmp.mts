import { readFileSync, writeFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { UsageError } from '/work/main/packages/cli/dist/index.js';
import { registerImport } from '/work/main/packages/cli/dist/commands/import.js';
const io = { stdout: (t: string) => void process.stdout.write(t), stderr: (t: string) => void process.stderr.write(t), readFile: (p: string) => readFileSync(p, 'utf8'), writeFile: (p: string, t: string) => writeFileSync(p, t), env: process.env, isTTY: false, cpus: 1 };
const program = new Command('cloudroute').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
registerImport(program, io, UsageError);
try { await program.parseAsync(process.argv.slice(2), { from: 'user' }); }
catch (e) { if (e instanceof UsageError) { io.stderr(e.message + '\n'); process.exitCode = 2; } else if (e instanceof CommanderError) process.exitCode = e.exitCode === 0 ? 0 : 2; else throw e; }
