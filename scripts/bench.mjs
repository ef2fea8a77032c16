#!/usr/bin/env node
// `npm run bench`: start-up, footprint, AWS calls and waiting of the built CLI on Node 20, 22 and 24
// (the npm registry's `node` package, as scripts/smoke-node.mjs runs them), as medians over
// interleaved runs and as ratios to bare `node -e 0` of the same version measured alongside. Builds
// dist/cli.js first when it is missing or older than src/. Prints one table per version and writes
// bench-results.json. Needs no network once the Node versions are cached; DynamoDB Local (Java) runs
// on loopback. Options: --node 20,22,24 (majors, or `current`), --runs N (default 11), --wait-runs N
// (default 3), --no-local, --no-wait, --out FILE.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACCESS_KEY, REGION, startLocal } from './bench/dynamo.mjs';
import { hasTime } from './bench/measure.mjs';
import { benchCreate, benchStartup, benchWait, benchWizard, callsPerCreate } from './bench/cases.mjs';
import { buildInkHello } from './bench/ink-hello.mjs';
import { printTable } from './bench/report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');

function flag(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
}
const runs = flag('--runs', 11);
const waitRuns = flag('--wait-runs', 3);
const outFile = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : join(root, 'bench-results.json');

/** Newest modification time under a directory. */
function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) t = Math.max(t, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return t;
}

const buildInputs = Math.max(newest(join(root, 'src')), statSync(join(root, 'scripts', 'build.mjs')).mtimeMs);
if (!existsSync(cli) || statSync(cli).mtimeMs < buildInputs) {
  process.stderr.write('building dist/cli.js...\n');
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}

// An isolated environment: no CI (Ink collapses frames under CI), no AWS settings of the person
// running the bench, an empty home and one profile, static keys for DynamoDB Local.
const home = mkdtempSync(join(tmpdir(), 'bench-home-'));
writeFileSync(join(home, 'config'), `[default]\nregion = ${REGION}\n\n[profile bench]\nregion = eu-west-1\n`);
writeFileSync(join(home, 'credentials'), `[default]\naws_access_key_id = ${ACCESS_KEY}\naws_secret_access_key = benchsecret\n`);
const base = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => k !== 'CI' && !k.startsWith('CI_') && !k.startsWith('AWS_') && k !== 'DEBUG' && k !== 'NODE_OPTIONS'),
);
const env = {
  ...base,
  HOME: home,
  TERM: 'xterm-256color',
  AWS_CONFIG_FILE: join(home, 'config'),
  AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
  AWS_EC2_METADATA_DISABLED: 'true',
};
const keyEnv = { ...env, AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_SECRET_ACCESS_KEY: 'benchsecret', AWS_REGION: REGION };

const log = (s) => process.stderr.write(`${s}\n`);
const majors = process.argv.includes('--node') ? process.argv[process.argv.indexOf('--node') + 1].split(',') : ['20', '22', '24'];

/** The node binary of a major version (npx caches the npm package `node`), or this one for `current`. */
function nodeOf(major) {
  if (major === 'current') return process.execPath;
  return execFileSync('npx', ['-y', '-p', `node@${major}`, '-c', 'command -v node'], { encoding: 'utf8' }).trim();
}

/** Runs fn with the endpoint of a DynamoDB Local started for it (delayed statuses or not), then stops it. */
async function withLocal(delay, fn) {
  const local = await startLocal(delay);
  try {
    return await fn(local.endpoint);
  } finally {
    await local.stop();
  }
}

/** Every group on one Node binary; each DynamoDB Local lives only as long as its group. */
async function benchOn(node) {
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const results = { date: new Date().toISOString(), node: version, platform: `${process.platform}-${process.arch}`, runs, cases: {} };
  /** Runs one group; a group that cannot run here (no `script`, no Java) is noted, not fatal. */
  async function group(name, fn) {
    try {
      Object.assign(results.cases, await fn());
    } catch (error) {
      results.skipped = { ...results.skipped, [name]: String(error?.message ?? error).split('\n')[0] };
      log(`  skipped ${name}: ${results.skipped[name]}`);
    }
  }
  log(`${version}: start-up, ${runs} rounds...`);
  await group('start-up', () => benchStartup({ node, cli, env, runs }));
  log(`${version}: wizard first screen (pseudo-terminal)...`);
  await group('wizard', async () => {
    if (spawnSync('script', ['--version']).error) throw new Error('util-linux `script` is not installed');
    return benchWizard({ node, cli, env, runs, inkHello: await inkHello() });
  });
  if (!process.argv.includes('--no-local')) {
    log(`${version}: headless create on DynamoDB Local...`);
    // Each group starts its own DynamoDB Local and stops it: an idle JVM left running beside the next
    // version's start-up rounds made them noisier.
    await group('create', () =>
      withLocal(false, async (endpoint) => ({ ...(await benchCreate({ node, cli, env: keyEnv, runs, endpoint })), calls: await callsPerCreate({ node, cli, env: keyEnv, endpoint }) })),
    );
    if (!process.argv.includes('--no-wait') && waitRuns > 0) {
      log(`${version}: wait latency: ${waitRuns} index builds of ~30 s with -delayTransientStatuses...`);
      // A fresh one per version too: after six delayed index builds one instance left the seventh
      // CREATING for good (12 minutes, the tool still waiting).
      await group('wait', () => withLocal(true, async (endpoint) => ({ wait: await benchWait({ node, cli, env: keyEnv, runs: waitRuns, endpoint, log }) })));
    }
  }
  results.rssMeasured = hasTime;
  return results;
}

/** The Ink hello world the wizard is measured against, built once for every version. */
let helloPath;
const inkHello = async () => (helloPath ??= await buildInkHello(root));

const all = { date: new Date().toISOString(), versions: [] };
try {
  for (const major of majors) {
    const results = await benchOn(nodeOf(major));
    all.versions.push(results);
    printTable(results);
  }
} finally {
  rmSync(home, { recursive: true, force: true });
  if (helloPath) rmSync(join(helloPath, '..'), { recursive: true, force: true });
}
writeFileSync(outFile, `${JSON.stringify(all, null, 2)}\n`);
log(`wrote ${outFile}`);
