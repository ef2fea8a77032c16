/**
 * The shape of dist/ that start-up depends on: dist/cli.js and esbuild chunks, each read only by the
 * branch that needs it. A preloaded loader hook records every file a run loads; each chunk's source
 * map says which sources it holds, so these tests see what a run loaded, not how long it took.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listRegions } from '../../src/aws/regions.js';
import { CLI, ensureBuilt, ROOT, runCli } from '../cli/run-cli.js';

const DIST = join(ROOT, 'dist');
let dir: string;
let hook: string;
let log: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'bundle-'));
  log = join(dir, 'loads.log');
  hook = join(dir, 'hook.mjs');
  const loader = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, url + '\\n');
  return next(url, context);
}`;
  writeFileSync(hook, `import { register } from 'node:module';\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(loader)}`)});\n`);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The sources (relative to the repo) held by the dist files a run loaded. */
function loadedSources(): { files: string[]; sources: string[] } {
  const files = readFileSync(log, 'utf8')
    .split('\n')
    .filter((u) => u.includes('/dist/'))
    .map((u) => new URL(u).pathname);
  const sources = files.flatMap((file) => {
    const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
    return map.sources.map((s) => relative(ROOT, join(file, '..', s)));
  });
  return { files: files.map((f) => relative(DIST, f)), sources };
}

/** Runs the CLI with the hook; returns the run and what it loaded. */
async function runWithHook(args: string[], extra: NodeJS.ProcessEnv = {}) {
  writeFileSync(log, '');
  const env = { HOME: dir, AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), NODE_OPTIONS: `--import ${hook}`, ...extra };
  const run = await runCli(args, { env });
  return { run, ...loadedSources() };
}

const sdk = (s: string) => s.includes('node_modules/@aws-sdk/') || s.includes('node_modules/@smithy/');
const ink = (s: string) => /node_modules\/(ink|react|react-reconciler|yoga-layout)\//.test(s);
const wizard = (s: string) => /^src\/(wizard|screens|components)\/|^src\/app\.tsx$/.test(s);

it('dist/ is cli.js and its chunks, each with a source map, importing only node built-ins and each other', async () => {
  const all = readdirSync(DIST, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  const js = all.map((e) => relative(DIST, join(e.parentPath, e.name))).filter((f) => f.endsWith('.js'));
  expect(js).toContain('cli.js');
  expect(js.filter((f) => f !== 'cli.js').every((f) => f.startsWith('chunks/'))).toBe(true);
  expect(statSync(CLI).mode & 0o111).not.toBe(0);
  for (const file of js) {
    const text = readFileSync(join(DIST, file), 'utf8');
    if (file === 'cli.js') expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(text).toMatch(/\/\/# sourceMappingURL=\S+\.js\.map\s*$/);
  }
  // esbuild parses the shipped files (a regex would trip over import-like text in strings): every
  // import of every file is a node built-in or another file of dist/.
  const out = await build({ entryPoints: [CLI], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent', outdir: dir });
  const imports = Object.values(out.metafile.inputs).flatMap((input) => input.imports);
  expect(imports.length).toBeGreaterThan(0);
  expect(imports.filter((i) => i.external && !i.path.startsWith('node:')).map((i) => i.path)).toEqual([]);
  const reached = Object.keys(out.metafile.inputs).map((p) => relative(DIST, join(ROOT, p)));
  expect(reached.every((p) => !p.startsWith('..')), reached.join(' ')).toBe(true);
});

it('ships the SDK\'s region table, computed at build time through partition(): the same answers as the SDK', async () => {
  const file = readdirSync(join(DIST, 'chunks')).find((f) => /^partition-.*\.js$/.test(f));
  expect(file).toBeDefined();
  const shipped = (await import(join(DIST, 'chunks', file!))) as { partition: (id: string) => { name: string; description?: string } };
  const { partition } = (await import('@aws-sdk/core/client')) as unknown as { partition: (id: string) => { name: string; description?: string } };
  const regions = await listRegions();
  expect(regions.length).toBeGreaterThan(30);
  for (const r of regions) expect(shipped.partition(r.id), r.id).toEqual({ name: partition(r.id).name, description: partition(r.id).description });
  expect(shipped.partition('eu-wst-1').description).toBeUndefined();
});

it('--version and --help, given alone, are answered by dist/cli.js alone: no chunk, no compile cache', async () => {
  const cacheHome = join(dir, 'cache');
  for (const args of [['--version'], ['-V'], ['--help'], ['-h']]) {
    const { run, files } = await runWithHook(args, { XDG_CACHE_HOME: cacheHome });
    expect(run.code, run.stderr).toBe(0);
    expect(files, args.join(' ')).toEqual(['cli.js']);
    // The same answer the full parser gives when the flag comes with more (not a KIND: `sessions --help` is that kind's help).
    const parsed = await runCli(['--json', ...args], { env: { HOME: dir } });
    expect(run.stdout, args.join(' ')).toBe(parsed.stdout);
  }
  expect(existsSync(cacheHome)).toBe(false);
});

it('--generate-iam is answered by cli.js and chunks/offline.js alone, with what the program answers', async () => {
  for (const args of [
    ['--generate-iam', '--region', 'eu-west-1'],
    ['--generate-iam', 'runtime', '--region', 'eu-west-1', '--account-id', '123456789012', 'all'],
    ['approvals', '--generate-iam', 'provisioning', '--table', 'reqs', '--region', 'us-east-1', '--kms-key', '1234abcd-12ab-34cd-56ef-1234567890ab', '--account-id', '123456789012'],
  ]) {
    const { run, files } = await runWithHook(args);
    expect(run.code, run.stderr).toBe(0);
    expect(files, args.join(' ')).toEqual(['cli.js', 'chunks/offline.js']);
    // --debug is left to the program (main.ts): the same words on both streams.
    const program = await runWithHook(['--debug', ...args]);
    expect(program.files).toContain('chunks/main.js');
    expect(run.stdout).toBe(program.run.stdout);
    expect(run.stderr).toBe(program.run.stderr);
  }
});

it('--generate-iam the offline face cannot answer goes to the program, nothing written twice', async () => {
  for (const [args, code, said] of [
    [['--generate-iam', '--region', 'eu-wst-1'], 2, /^sentinel-init: Region "eu-wst-1" is not one this tool's AWS SDK knows\. Did you mean eu-west-1\?/m],
    [['--generate-iam', '--regoin', 'eu-west-1'], 2, /^sentinel-init: .*Did you mean --region\?/m],
    [['--generate-iam', '--region', 'eu-west-1', '--kms-key', 'alias/x'], 2, /^sentinel-init: --generate-iam works offline and cannot look up which key alias\/x names\./m],
    [['--generate-iam', '--help'], 0, /^$/],
  ] as const) {
    const { run, files } = await runWithHook([...args]);
    expect(run.code, run.stderr).toBe(code);
    expect(files, args.join(' ')).toContain('chunks/main.js');
    expect(run.stderr, args.join(' ')).toMatch(said);
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(new Set(lines).size, run.stderr).toBe(lines.length);
  }
});

it("--generate-iam whose region is a profile's goes to the program, which reads the shared files", async () => {
  writeFileSync(join(dir, 'with-region'), '[default]\nregion = eu-central-1\n');
  const { run, files } = await runWithHook(['--generate-iam', 'runtime'], { AWS_CONFIG_FILE: join(dir, 'with-region') });
  expect(run.code, run.stderr).toBe(0);
  expect(files).toContain('chunks/main.js');
  expect(run.stdout).toContain('arn:aws:dynamodb:eu-central-1:*:table/sentinel-sessions');
  expect(run.stderr.match(/The runtime policy/g)).toHaveLength(1);
});

it('a usage error loads the program, the one chunk of its modules and esbuild\'s helpers, nothing else', async () => {
  const { run, files } = await runWithHook(['--bogus']);
  expect(run.code, run.stderr).toBe(2);
  expect(files).toContain('chunks/main.js');
  const bytes = files.reduce((sum, f) => sum + statSync(join(DIST, f)).size, 0);
  // 18 files (about 65 KB) while main's modules were split by which faces shared them; 5 since every
  // face re-exports src/cli/program-modules.ts. More means a new face lacks that line.
  expect(files.length, `${files.join(' ')}: ${bytes} bytes (a face without program-modules?)`).toBeLessThanOrEqual(5);
  expect(bytes).toBeLessThan(80_000);
});

it('program-modules.ts names every module main.ts imports, so they keep one chunk', () => {
  const importsOf = (file: string) => [...readFileSync(join(ROOT, 'src', 'cli', file), 'utf8').matchAll(/^import (?!type)[^;]*? from '([^']+)';$/gm)].map((m) => m[1]);
  const listed = new Set(importsOf('program-modules.ts'));
  expect(importsOf('main.ts').filter((m) => !listed.has(m))).toEqual([]);
});

it('no file imports a Node built-in as an ES module (each wrapper costs start-up; the one of http loads undici on Node 22)', () => {
  const js = readdirSync(DIST, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.js'));
  for (const entry of js) {
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    // The banner's `await import("node:module")` is the one left: it runs only on Node older than 20.16.
    const found = [...text.replace('(await import("node:module"))', '').matchAll(/(?:from\s*|import\s*\(?\s*)["'](?:node:)?([a-z_/]+)["']/g)].map((m) => m[1] ?? '');
    expect(found.filter((id) => builtinModules.includes(id)), entry.name).toEqual([]);
  }
});

it('runs where process.getBuiltinModule is missing (Node before 20.16): the banner falls back to createRequire', async () => {
  const strip = join(dir, 'strip.mjs');
  writeFileSync(strip, 'delete process.getBuiltinModule;\n');
  for (const args of [['--version'], ['--generate-iam', '--region', 'eu-west-1'], ['--bogus']]) {
    const plain = await runCli(args, { env: { HOME: dir } });
    const old = await runCli(args, { env: { HOME: dir, NODE_OPTIONS: `--import ${strip}` } });
    expect(old.code, old.stderr).toBe(plain.code);
    expect(old.stdout).toBe(plain.stdout);
    expect(old.stderr).toBe(plain.stderr);
  }
  const headless = ['--region', 'eu-west-1', '--yes', '--json', '--endpoint-url', 'http://127.0.0.1:9'];
  const keys = { HOME: dir, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_MAX_ATTEMPTS: '1' };
  const old = await runCli(headless, { env: { ...keys, NODE_OPTIONS: `--import ${strip}` } });
  expect(old.code).toBe(1);
  expect(old.stderr).toMatch(/Could not reach DynamoDB/);
});

it('--version, --help and --generate-iam load neither the AWS SDK nor Ink', async () => {
  for (const args of [['--version'], ['--help'], ['--generate-iam', '--region', 'eu-west-1']]) {
    const { run, files, sources } = await runWithHook(args);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(0);
    expect(files, args.join(' ')).toContain('cli.js');
    expect(sources.filter(sdk), args.join(' ')).toEqual([]);
    expect(sources.filter(ink), args.join(' ')).toEqual([]);
  }
});

it('help topics and completion scripts load neither the AWS SDK nor Ink; __complete profiles reads the shared files without Ink or any SDK client', async () => {
  for (const args of [['help', 'verify'], ['doctor', '--help'], ['completion', 'bash'], ['completion', 'fish']]) {
    const { run, sources } = await runWithHook(args);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(0);
    expect(sources.filter(sdk), args.join(' ')).toEqual([]);
    expect(sources.filter(ink), args.join(' ')).toEqual([]);
  }
  writeFileSync(join(dir, 'profiles'), '[profile ops]\nregion = eu-west-1\n');
  const { run, sources } = await runWithHook(['__complete', 'profiles'], { AWS_CONFIG_FILE: join(dir, 'profiles') });
  expect(run.stdout).toBe('ops\n');
  expect(sources.filter(ink)).toEqual([]);
  expect(sources.filter((s) => /node_modules\/@aws-sdk\/client-/.test(s))).toEqual([]);
});

it('a headless run loads the SDK and the headless face, never Ink or the wizard', async () => {
  const { run, sources } = await runWithHook(['--region', 'eu-west-1', '--yes', '--json', '--endpoint-url', 'http://127.0.0.1:9'], {
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_MAX_ATTEMPTS: '1',
  });
  expect(run.code).toBe(1);
  expect(sources).toContain('src/headless/run.ts');
  expect(sources.some(sdk)).toBe(true);
  expect(sources.filter(ink)).toEqual([]);
  expect(sources.filter(wizard)).toEqual([]);
});

it('an error raised inside a chunk keeps its one-line message and exit code; DEBUG stacks point into src/', async () => {
  const args = ['--region', 'eu-west-1', '--yes', '--json', '--endpoint-url', 'http://127.0.0.1:9'];
  const keys = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_MAX_ATTEMPTS: '1' };
  const { run } = await runWithHook(args, keys);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/Could not reach DynamoDB/);
  expect(run.stderr).not.toMatch(/Unexpected error/);
  expect(run.stderr).not.toMatch(/\n\s+at /);

  const debug = await runWithHook(args, { ...keys, DEBUG: '1' });
  expect(debug.run.code).toBe(1);
  // Source-mapped: frames name the TypeScript file and line, not a minified chunk.
  expect(debug.run.stderr).toMatch(/\bat .*src\/[\w/-]+\.tsx?:\d+:\d+/);
});

it('the wizard, in a pseudo-terminal, loads its face and draws before the SDK loads', async () => {
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
  // What was loaded by the time the first screen showed.
  const { sources } = loadedSources();
  const exited = new Promise((r) => child.once('close', r));
  child.stdin.write('\u0003');
  await exited;
  expect(sources).toContain('src/app.tsx');
  expect(sources.some(ink)).toBe(true);
  expect(sources.filter(sdk)).toEqual([]);
});
