/**
 * The shape of dist/cli.js that start-up depends on: one file whose heavy parts (wizard, headless run,
 * AWS SDK) are chunks evaluated only on the branch that needs them. A preloaded hook records which
 * chunks a run asked for, so these tests see what a run loaded, not how long it took.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI, ensureBuilt, ROOT, runCli } from '../cli/run-cli.js';

let dir: string;
let hook: string;
let log: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'bundle-'));
  log = join(dir, 'chunks.log');
  hook = join(dir, 'hook.mjs');
  writeFileSync(
    hook,
    `import { appendFileSync } from 'node:fs';
process.on('exit', () => appendFileSync(${JSON.stringify(log)}, JSON.stringify(Object.keys(globalThis.__sentinelInit?.loaded ?? {})) + '\\n'));
`,
  );
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI with the hook; returns the run and the chunks it loaded. */
async function runWithHook(args: string[], extra: NodeJS.ProcessEnv = {}) {
  writeFileSync(log, '');
  const env = { HOME: dir, AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), NODE_OPTIONS: `--import ${hook}`, ...extra };
  const run = await runCli(args, { env });
  const lines = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
  expect(lines, `the hook did not report: ${run.stderr}`).toHaveLength(1);
  return { run, chunks: JSON.parse(lines[0] as string) as string[] };
}

it('is one executable ESM file, alone in dist/, that imports nothing but node built-ins', () => {
  expect(readdirSync(join(ROOT, 'dist'))).toEqual(['cli.js']);
  const text = readFileSync(CLI, 'utf8');
  expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
  const specifiers = [...text.matchAll(/\bfrom\s*"([^"]+)"|\bfrom\s*'([^']+)'/g)].map((m) => m[1] ?? m[2]);
  expect(specifiers.length).toBeGreaterThan(0);
  expect(specifiers.filter((s) => !s?.startsWith('node:'))).toEqual([]);
});

it('--version, --help and --generate-iam answer without loading any chunk', async () => {
  for (const args of [['--version'], ['--help'], ['--generate-iam', '--region', 'eu-west-1']]) {
    const { run, chunks } = await runWithHook(args);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(0);
    expect(chunks, args.join(' ')).toEqual([]);
  }
});

it('a headless run loads the headless chunk and the SDK, never the wizard', async () => {
  const { run, chunks } = await runWithHook(['--region', 'eu-west-1', '--yes', '--json', '--endpoint-url', 'http://127.0.0.1:9'], {
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
  });
  expect(run.code).toBe(1);
  expect(chunks).toContain('headless/run');
  expect(chunks).toContain('aws-sdk');
  expect(chunks.filter((c) => c.startsWith('wizard'))).toEqual([]);
});

it('an error raised inside a chunk keeps its one-line message and exit code; DEBUG traces name the chunk', async () => {
  const args = ['--region', 'eu-west-1', '--yes', '--json', '--endpoint-url', 'http://127.0.0.1:9'];
  const keys = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' };
  const { run } = await runWithHook(args, keys);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/Could not reach DynamoDB/);
  expect(run.stderr).not.toMatch(/Unexpected error/);
  expect(run.stderr).not.toMatch(/\n\s+at /);

  const debug = await runWithHook(args, { ...keys, DEBUG: '1' });
  expect(debug.run.stderr).toMatch(/sentinel-init\/[\w/-]+\.js:\d+:\d+/);
  // Stack frames name the chunk, not its data: URL (which would be hundreds of kilobytes per line).
  expect(debug.run.stderr).not.toMatch(/data:text\/javascript/);
});

it('the wizard, in a pseudo-terminal, loads its chunk', async () => {
  writeFileSync(log, '');
  const env = { PATH: process.env.PATH, HOME: dir, AWS_CONFIG_FILE: join(dir, 'none'), TERM: 'xterm', NODE_OPTIONS: `--import ${hook}` };
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} --region eu-west-1`;
  const child = spawn('script', ['-qec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  let screen = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no first screen: ${screen}`)), 20_000);
    child.stdout.on('data', (c: Buffer) => {
      screen += c.toString();
      if (/breakglass/.test(screen)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const exited = new Promise((r) => child.once('close', r));
  child.stdin.write('\u0003');
  await exited;
  const chunks = JSON.parse(readFileSync(log, 'utf8').trim().split('\n')[0] ?? '[]') as string[];
  expect(chunks).toContain('wizard/run');
  // The first screen needs no AWS call: the SDK is not loaded before the person picks a kind.
  expect(chunks).not.toContain('aws-sdk');
});

it('keeps a V8 code cache per chunk in the cache dir; a corrupt or unwritable cache changes nothing', async () => {
  const cacheHome = join(dir, 'xdg');
  const args = ['--region', 'eu-west-1', '--yes', '--json', '--endpoint-url', 'http://127.0.0.1:9'];
  const env = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_MAX_ATTEMPTS: '1', XDG_CACHE_HOME: cacheHome };
  const first = await runWithHook(args, env);
  const cacheDir = join(cacheHome, 'sentinel-init', `${process.version}-${process.arch}`);
  const files = readdirSync(cacheDir);
  expect(files.some((f) => f.startsWith('aws-sdk-') && f.endsWith('.v8'))).toBe(true);

  for (const f of files) writeFileSync(join(cacheDir, f), 'not a code cache');
  const corrupt = await runWithHook(args, env);
  expect(corrupt.run.code).toBe(first.run.code);
  expect(corrupt.run.stderr).toBe(first.run.stderr);
  // Rejected caches are written again at exit.
  for (const f of files) expect(readFileSync(join(cacheDir, f), 'utf8')).not.toBe('not a code cache');

  writeFileSync(join(dir, 'a-file'), '');
  const unwritable = await runWithHook(args, { ...env, XDG_CACHE_HOME: join(dir, 'a-file') });
  expect(unwritable.run.code).toBe(first.run.code);
  expect(unwritable.run.stderr).toBe(first.run.stderr);
});
