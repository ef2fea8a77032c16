/**
 * Runs the built CLI (dist/cli.js) as a child process with a clean environment: no inherited AWS
 * settings, so a test can never reach real AWS. Builds the bundle first when it is older than src/.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { Ajv } from 'ajv';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** `npm test` builds first; a single test file run on its own builds here when dist is stale. */
export function ensureBuilt(): void {
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

let installedBin: string | undefined;

/**
 * PATH with this build installed as `sentinel-init` first (a link to dist/cli.js, as `npm i -g`
 * makes): the commands the CLI prints then start with `sentinel-init`, and run as printed.
 */
export function installedPath(): string {
  if (!installedBin) {
    installedBin = mkdtempSync(join(tmpdir(), 'sentinel-bin-'));
    symlinkSync(CLI, join(installedBin, 'sentinel-init'));
  }
  return [installedBin, process.env.PATH ?? ''].join(delimiter);
}

/** The environment every run starts from: only what node needs, plus the given variables. */
export function baseEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    PATH: installedPath(),
    // Keep the SDK off the EC2/ECS metadata endpoints: a missing credential fails at once.
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

export interface RunOptions {
  env: NodeJS.ProcessEnv;
  /** Called with each stderr chunk; lets a test act (e.g. send SIGINT) at a given moment. */
  onStderr?: (text: string, child: ReturnType<typeof spawn>) => void;
  /** SIGKILL the run after this long (a run that no other signal ends must not hang the test). */
  killAfterMs?: number;
}

/** Runs `node dist/cli.js ...args` to completion. */
export function runCli(args: string[], options: RunOptions): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: baseEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      options.onStderr?.(stderr, child);
    });
    const killer = options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Non-empty lines of a stream's text. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

/** docs/json-schema.json: the --json contract every run's document is held to. */
const validateDocument = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(join(ROOT, 'docs', 'json-schema.json'), 'utf8')) as object);

/** A --json document: formatVersion, command, one entry per table (doctor adds its own fields). */
export interface JsonOutput {
  formatVersion: string;
  command: 'plan' | 'apply' | 'verify' | 'clean' | 'doctor';
  tables: Record<string, unknown>[];
  [key: string]: unknown;
}

/**
 * The run's stdout as its one --json document: JSON.parse refuses anything before or after it, and
 * the document must follow docs/json-schema.json (the error lists where it does not).
 */
export function jsonOutput(run: { stdout: string } | string): JsonOutput {
  const doc: unknown = JSON.parse(typeof run === 'string' ? run : run.stdout);
  if (!validateDocument(doc)) throw new Error(`--json output breaks docs/json-schema.json: ${JSON.stringify(validateDocument.errors, null, 2)}\n${JSON.stringify(doc, null, 2)}`);
  return doc as JsonOutput;
}

/** The one table of a one-KIND run's --json document (its `tables` holds exactly one entry). */
export function onlyTable<T = Record<string, unknown>>(run: { stdout: string } | string): T {
  const { tables } = jsonOutput(run);
  if (tables.length !== 1) throw new Error(`expected one table in the --json document, got ${tables.length}`);
  return tables[0] as T;
}
