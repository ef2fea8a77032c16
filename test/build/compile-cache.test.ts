/**
 * Node's compile cache (Node >= 22.1), as dist/cli.js turns it on, under Node 22 and 24 from the npm
 * registry's `node` package: a corrupt, planted or odd cache never changes what a run does, never
 * writes outside the user's private cache directory, and never blocks. On Node 20 there is none.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import module from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from '../cli/run-cli.js';

/** The node binary of the npm registry's `node@major` package (.ci/run installs it; npx caches it). */
function nodeBinary(major: number): string {
  try {
    return execFileSync('npx', ['-y', '-p', `node@${major}`, '-c', 'command -v node'], { encoding: 'utf8', timeout: 120_000 }).trim();
  } catch (error) {
    throw new Error(`Node ${major} is needed for this test: \`npx -y -p node@${major} node --version\` must work (it fetches the npm package "node"): ${String(error)}`);
  }
}

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'compile-cache-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each([22, 24])('Node %i', (major) => {
  let node: string;
  let n = 0;
  beforeAll(() => {
    node = nodeBinary(major);
  }, 180_000);

  /** A fresh cache home; returns the run function bound to it. */
  function setup(xdg?: string) {
    const home = join(dir, `n${major}-${n++}`);
    mkdirSync(home, { recursive: true });
    const env = { PATH: process.env.PATH, HOME: home, ...(xdg !== undefined && { XDG_CACHE_HOME: xdg }), AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's', AWS_MAX_ATTEMPTS: '1' };
    // A help topic (the program's chunks; --generate-iam is answered by the offline face, without the
    // cache) and a failed headless run (the SDK's chunks too): what they print is the check.
    const run = (cwd = home) => {
      const started = Date.now();
      const policy = spawnSync(node, [CLI, 'help', 'verify'], { env, cwd, encoding: 'utf8', timeout: 20_000 });
      const headless = spawnSync(node, [CLI, '--region', 'eu-west-1', '--yes', '--json', '--endpoint-url', 'http://127.0.0.1:9'], { env, cwd, encoding: 'utf8', timeout: 20_000 });
      return { out: `${policy.status} ${policy.stdout} ${headless.status} ${headless.stderr}`, seconds: (Date.now() - started) / 1000 };
    };
    const cacheDir = join(xdg ?? join(home, '.cache'), 'sentinel-init', 'compile-cache');
    const files = () => (existsSync(cacheDir) ? readdirSync(cacheDir, { recursive: true, withFileTypes: true }).filter((e) => !e.isDirectory()).map((e) => join(e.parentPath, e.name)) : []);
    return { home, run, cacheDir, files };
  }

  it('keeps its cache in a private directory of the user, and a run with it answers as one without', () => {
    const { run, cacheDir, files } = setup();
    const first = run();
    expect(first.out).toMatch(/^0 Usage: sentinel-init verify/);
    expect(first.out).toMatch(/ 1 sentinel-init: Could not reach DynamoDB/);
    expect(files().length).toBeGreaterThan(3);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    expect(run().out).toBe(first.out);
  });

  it('a start with the cache as the last check left it lists no directory of it; a change makes the next start check again', () => {
    const { home, cacheDir, files } = setup();
    // Logs every readdir the run makes (node:fs patched before the CLI loads).
    const log = join(home, 'readdir.log');
    const spy = join(home, 'spy.mjs');
    writeFileSync(
      spy,
      `import fs from 'node:fs'; import { syncBuiltinESMExports } from 'node:module';
const readdir = fs.readdirSync;
fs.readdirSync = (path, ...rest) => { fs.appendFileSync(${JSON.stringify(log)}, String(path) + '\\n'); return readdir(path, ...rest); };
syncBuiltinESMExports();`,
    );
    const env = { PATH: process.env.PATH, HOME: home, NODE_OPTIONS: `--import ${spy}` };
    const listed = () => {
      writeFileSync(log, '');
      const r = spawnSync(node, [CLI, 'help', 'verify'], { env, encoding: 'utf8', timeout: 20_000 });
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(log, 'utf8').split('\n').filter((p) => p.startsWith(cacheDir));
    };
    listed(); // writes the cache
    listed(); // checks what the first run wrote
    expect(listed()).toEqual([]);
    expect(listed()).toEqual([]);
    // Something planted in a folder changes its time: the next start looks, and removes it.
    const planted = join(files()[0]!, '..', 'planted');
    execFileSync('mkfifo', [planted]);
    expect(listed().length).toBeGreaterThan(0);
    expect(existsSync(planted)).toBe(false);
  });

  it('corrupt entries (bytes overwritten at ten offsets, or emptied) change nothing and are rewritten', () => {
    const { run, files } = setup();
    const reference = run().out;
    for (let round = 0; round < 10; round++) {
      for (const file of files()) {
        const bytes = readFileSync(file);
        const at = Math.floor(((round + 1) / 11) * bytes.length);
        bytes.fill(0xa5, at, Math.min(at + 8, bytes.length));
        writeFileSync(file, bytes);
      }
      expect(run().out, `round ${round}`).toBe(reference);
    }
    for (const file of files()) writeFileSync(file, '');
    expect(run().out).toBe(reference);
    expect(files().every((f) => statSync(f).size > 0)).toBe(true);
  });

  it('a symlink planted at an entry is replaced, never followed; its target is untouched', () => {
    const { run, files } = setup();
    const reference = run().out;
    const victim = join(dir, `victim-${major}`);
    writeFileSync(victim, 'precious');
    for (const file of files()) {
      rmSync(file);
      symlinkSync(victim, file);
    }
    expect(run().out).toBe(reference);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(files().every((f) => !lstatSync(f).isSymbolicLink())).toBe(true);
  });

  it('a FIFO or a directory at an entry neither blocks nor leaves temporary files behind', () => {
    const { run, files, cacheDir } = setup();
    const reference = run().out;
    const entries = files();
    entries.forEach((file, i) => {
      rmSync(file);
      if (i % 2 === 0) execFileSync('mkfifo', [file]);
      else mkdirSync(file);
    });
    const odd = run();
    expect(odd.out).toBe(reference);
    expect(odd.seconds).toBeLessThan(15);
    const all = readdirSync(cacheDir, { recursive: true }).map(String);
    expect(all.filter((f) => /tmp/i.test(f))).toEqual([]);
  });

  it('XDG_CACHE_HOME=/proc/self (where mkdir -p loops) or a relative path: the run is unchanged and quick, nothing written in the cwd', () => {
    const proc = setup('/proc/self');
    const reference = setup().run().out;
    const quick = proc.run();
    expect(quick.out).toBe(reference);
    expect(quick.seconds).toBeLessThan(15);

    const relative = setup('relative-cache');
    const cwd = join(dir, `cwd-${major}`);
    mkdirSync(cwd);
    expect(relative.run(cwd).out).toBe(reference);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe(`this machine's Node (${process.version})`, () => {
  it('writes a cache exactly when it has module.enableCompileCache (none on Node 20)', () => {
    const home = mkdtempSync(join(dir, 'here-'));
    const run = spawnSync(process.execPath, [CLI, 'help', 'verify'], { env: { PATH: process.env.PATH, HOME: home }, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(existsSync(join(home, '.cache'))).toBe(typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function');
  });
});
