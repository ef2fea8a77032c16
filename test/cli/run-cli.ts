/**
 * Runs the built CLI (dist/cli.js) as a child process with a clean environment: no inherited AWS
 * settings, so a test can never reach real AWS. Builds the bundle first when it is older than src/.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, symlinkSync } from 'node:fs';
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
