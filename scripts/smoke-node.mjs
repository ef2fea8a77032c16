#!/usr/bin/env node
// A short smoke test of the built CLI under other Node versions (the npm registry's `node` package):
// --generate-iam, a headless create on the embedded DynamoDB Local (--local), and the wizard's first
// screen in a pseudo-terminal. Usage: node scripts/smoke-node.mjs 22 24. Exits 1 on the first failure.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');

function fail(message) {
  process.stderr.write(`smoke: ${message}\n`);
  process.exit(1);
}

/** The wizard's first screen (its kind list) in a pty from `script`; resolves when it shows, then Ctrl-C. */
function firstScreen(node, env) {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', `${JSON.stringify(node)} ${JSON.stringify(cli)}`, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    let screen = '';
    let sent = false;
    child.stdin.on('error', () => {}); // the wizard may be gone before a late write
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`no first screen within 20 s: ${screen.slice(-300)}`))), 20_000);
    child.stdout.on('data', (c) => {
      screen += c.toString();
      if (!sent && /breakglass/.test(screen)) {
        sent = true;
        clearTimeout(timer);
        child.stdin.write('\u0003');
      }
    });
    child.once('close', (code) => (/breakglass/.test(screen) ? resolve(code) : reject(new Error(`wizard exited ${code} before its first screen`))));
  });
}

for (const major of process.argv.slice(2)) {
  const node = execFileSync('npx', ['-y', '-p', `node@${major}`, '-c', 'command -v node'], { encoding: 'utf8' }).trim();
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const home = mkdtempSync(join(tmpdir(), `smoke-${major}-`));
  const env = { PATH: process.env.PATH, HOME: home, TERM: 'xterm-256color', AWS_EC2_METADATA_DISABLED: 'true' };
  try {
    const iam = spawnSync(node, [cli, 'breakglass', '--generate-iam', '--region', 'eu-west-1', '--account-id', '123456789012'], { env, encoding: 'utf8' });
    // Both policies, by name: {"provisioning": {...}, "runtime": {...}}.
    const policies = iam.status === 0 ? JSON.parse(iam.stdout) : {};
    if (!policies.provisioning?.Statement || !policies.runtime?.Statement) fail(`${version}: --generate-iam exited ${iam.status}: ${iam.stderr}`);

    const create = spawnSync(node, [cli, 'sessions', '--local', '--yes', '--json'], { env, encoding: 'utf8', timeout: 120_000 });
    // The versioned JSON contract (docs/json-schema.json): one entry per table.
    const result = create.status === 0 ? JSON.parse(create.stdout) : {};
    if (result.formatVersion !== '1' || result.tables?.[0]?.status !== 'created') fail(`${version}: headless create on DynamoDB Local exited ${create.status}: ${create.stderr}`);

    const code = await firstScreen(node, env).catch((e) => fail(`${version}: ${e.message}`));
    if (code !== 130) fail(`${version}: the wizard exited ${code} after Ctrl-C, not 130`);
    process.stdout.write(`smoke: ${version}: --generate-iam, headless create on DynamoDB Local, wizard first screen: ok\n`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
