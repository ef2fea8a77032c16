/**
 * The built CLI answers the conventions of aws, terraform and gh in one line with exit 2, prints
 * help for `help TOPIC` and `TOPIC --help`, and --no-input keeps the wizard away even in a terminal.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnv, CLI, ensureBuilt, runCli } from '../cli/run-cli.js';
import { localBehindProxy } from '../helpers/local-stack.js';

ensureBuilt();
const home = mkdtempSync(join(tmpdir(), 'conventions-'));
const env = { HOME: home, AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none') };
const KEYS = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' };

describe('one line, exit 2, nothing on stdout', () => {
  it.each([
    [['sesions'], 'sentinel-init: Unknown kind "sesions". Did you mean sessions?'],
    [['session', '--plan'], 'sentinel-init: Unknown kind "session". Did you mean sessions?'],
    [['--regoin', 'eu-west-1'], 'sentinel-init: Unknown flag --regoin. Did you mean --region?'],
    [['--aws-profil', 'ops'], 'sentinel-init: Unknown flag --aws-profil. Did you mean --aws-profile?'],
    [['--output', 'json'], 'sentinel-init: --output prints code (terraform, cloudformation, cloudformation-import); for JSON use --json. Check --output.'],
    [['--dry-run'], 'sentinel-init: --dry-run is --plan here: it shows what would change and changes nothing.'],
    [['--no-color'], 'sentinel-init: There is no --no-color: set NO_COLOR=1 (e.g. NO_COLOR=1 sentinel-init ...).'],
    [['--plan', '--yes', '--region', 'eu-west-1'], 'sentinel-init: --plan changes nothing and --yes applies: give one of them. Run sentinel-init --help for usage.'],
    [['--region', 'eu-west-1', '--region', 'eu-west-2', '--plan'], 'sentinel-init: --region was given twice ("eu-west-1", then "eu-west-2"): give it once. Run sentinel-init --help for usage.'],
    [['completion', 'bsh'], 'sentinel-init: Unknown shell "bsh". Did you mean bash? Run sentinel-init completion bash|zsh|fish.'],
  ])('%j', async (args, line) => {
    const run = await runCli(args, { env });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${line}\n`);
  });

  it('-o, --verbose and --quiet point to what exists, not a bare "Unknown flag"', async () => {
    for (const [flag, pointer] of [['-o', /for JSON use --json; for code use --output/], ['--verbose', /DEBUG=1/], ['--quiet', /2>\/dev\/null.*--json/]] as const) {
      const run = await runCli([flag], { env });
      expect(run.code, flag).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(pointer);
      expect(run.stderr).not.toMatch(/Unknown flag/);
    }
  });
});

describe('help', () => {
  it('`help` prints the main help; `help TOPIC` and `TOPIC --help` that topic\'s, on stdout, exit 0', async () => {
    const main = await runCli(['help'], { env });
    expect(main.code).toBe(0);
    expect(main.stdout).toMatch(/^sentinel-init \S+: create or update Sentinel's DynamoDB tables/);
    expect(main.stdout).toContain('--no-input');
    expect(main.stdout).toContain('source <(sentinel-init completion bash)');
    for (const [args, usage] of [[['help', 'verify'], 'Usage: sentinel-init verify [KIND]'], [['verify', '--help'], 'Usage: sentinel-init verify [KIND]'], [['doctor', '--help'], 'Usage: sentinel-init doctor --function'], [['sessions', '--help'], 'Usage: sentinel-init sessions [flags]'], [['help', 'all'], 'Usage: sentinel-init all [flags]'], [['completion', '--help'], 'Usage: sentinel-init completion bash|zsh|fish']] as const) {
      const run = await runCli([...args], { env });
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.stdout.startsWith(usage), `${args.join(' ')}: ${run.stdout}`).toBe(true);
      expect(run.stderr).toBe('');
    }
  });
});

/** Runs the CLI in a pseudo-terminal (script(1)); resolves with the exit code and the screen. */
function inTerminal(args: string[], extra: NodeJS.ProcessEnv, until?: RegExp): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...baseEnv({ ...env, ...extra }), TERM: 'xterm' }, stdio: ['pipe', 'pipe', 'ignore'] });
  let screen = '';
  let ending = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (child.kill(), reject(new Error(`no end: ${screen}`))), 20_000);
    child.stdout.on('data', (c: Buffer) => {
      screen += c.toString();
      // A wizard drawn: Ctrl-C, and the terminal closed if that is not enough.
      if (until?.test(screen) && !ending) {
        ending = true;
        child.stdin.write('\u0003');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }
    });
    child.once('close', (code) => (clearTimeout(timer), resolve({ code, screen })));
  });
}

describe('--no-input in a terminal', () => {
  const stack = localBehindProxy();

  it('never starts the wizard: a change without --yes fails naming --yes and --plan (exit 2), nothing created', async () => {
    const args = ['--region', 'eu-west-1', '--endpoint-url', stack.proxy.endpoint, '--table', 'e2e-no-input'];
    // Without it, the same command in a terminal is the wizard.
    const wizard = await inTerminal(args, KEYS, /breakglass/);
    expect(wizard.screen).toMatch(/breakglass/);
    for (const [extraArgs, extraEnv] of [[['--no-input'], {}], [[], { SENTINEL_INIT_NO_INPUT: '1' }]] as const) {
      const run = await inTerminal([...args, ...extraArgs], { ...KEYS, ...extraEnv });
      expect(run.code, run.screen).toBe(2);
      expect(run.screen).toMatch(/--yes/);
      expect(run.screen).toMatch(/--plan/);
      expect(run.screen).not.toMatch(/breakglass|\u001b\[/);
    }
    expect(stack.proxy.count('CreateTable')).toBe(0);
  });

  it('a missing region fails naming --region instead of asking for it', async () => {
    const run = await inTerminal(['approvals', '--no-input'], KEYS);
    expect(run.code).toBe(2);
    expect(run.screen.replace(/\r/g, '')).toBe('sentinel-init: No region given. Pass --region (e.g. --region eu-west-1), set AWS_REGION, or set region in the profile.\n');
  });
});
