/**
 * A headless run must never evaluate Ink (it writes cursor escapes into pipes and costs start-up).
 * Ink's layout engine, yoga, compiles WebAssembly when it loads, so a preloaded hook counting
 * WebAssembly compiles tells whether Ink ran. The wizard run, in a pseudo-terminal from `script`,
 * shows the hook does see it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI, ensureBuilt, runCli } from '../cli/run-cli.js';

let dir: string;
let log: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'no-ink-'));
  log = join(dir, 'wasm.log');
  const hook = join(dir, 'hook.cjs');
  writeFileSync(
    hook,
    `const fs = require('fs');
for (const k of ['compile', 'instantiate']) {
  const f = WebAssembly[k];
  WebAssembly[k] = function (...a) { fs.appendFileSync(${JSON.stringify(log)}, k + '\\n'); return f.apply(this, a); };
}
`,
  );
  env = { HOME: dir, AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), NODE_OPTIONS: `--require ${hook}`, TERM: 'xterm' };
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const wasmCalls = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0);

it('headless runs (policy, offline plan, failed check) never load Ink; the wizard does', async () => {
  for (const args of [['--generate-iam'], ['--region', 'eu-west-1', '--plan', '--endpoint-url', 'http://127.0.0.1:9'], ['--region', 'eu-west-1', '--json']]) {
    const run = await runCli(args, { env });
    expect(run.code, run.stderr).not.toBeNull();
  }
  expect(wasmCalls()).toBe(0);

  // The positive control: the same hook sees Ink load when the wizard starts in a terminal.
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} --region eu-west-1`;
  const wizard = spawn('script', ['-qec', command, '/dev/null'], { env: { PATH: process.env.PATH, ...env }, stdio: ['pipe', 'ignore', 'ignore'] });
  const deadline = Date.now() + 20_000;
  while (wasmCalls() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  wizard.kill('SIGKILL');
  expect(wasmCalls()).toBeGreaterThan(0);
});
