/**
 * `--local` headless: the embedded DynamoDB Local comes and goes with the run, and a run ended by
 * SIGTERM, SIGHUP or even SIGKILL leaves no JVM behind (Node skips exit hooks on an unhandled signal
 * and runs none on SIGKILL: a watchdog shell between the run and java ends java then).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, onlyTable, runCli } from '../cli/run-cli.js';
import { tmuxTerminal } from '../helpers/tmux.js';

/** PIDs of java processes anywhere below `pid` (the run starts java through a watchdog shell). */
function javaChildren(pid: number): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,comm='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((r) => r.length === 3)
    .map(([p, pp, comm]) => ({ pid: Number(p), ppid: Number(pp), comm }));
  const below = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) if (below.has(r.ppid) && !below.has(r.pid)) (below.add(r.pid), (grew = true));
  }
  return rows.filter((r) => r.pid !== pid && below.has(r.pid) && r.comm === 'java').map((r) => r.pid);
}

/** Whether `pid` still runs (a zombie waiting to be reaped counts as gone). */
function running(pid: number): boolean {
  try {
    return !execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim().startsWith('Z');
  } catch {
    return false; // ps exits non-zero when there is no such process
  }
}

/** Waits up to 3 s for `pid` to be gone; true when it went. */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 30 && running(pid); i++) await new Promise((r) => setTimeout(r, 100));
  return !running(pid);
}

const env = () => ({ HOME: mkdtempSync(join(tmpdir(), 'sentinel-demo-home-')) });

beforeAll(() => ensureBuilt());

describe('--local (headless)', () => {
  it('creates the table in a throwaway DynamoDB Local and stops it afterwards', async () => {
    let javaPid: number | undefined;
    const run = await runCli(['--local', '--yes', '--json'], {
      env: env(),
      onStderr: (_text, child) => {
        javaPid ??= javaChildren(child.pid ?? -1)[0];
      },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(onlyTable(run)).toMatchObject({ kind: 'sessions', table: 'sentinel-sessions', status: 'created' });
    expect(run.stderr).toContain('Nothing here touches AWS');
    expect(javaPid).toBeDefined();
    expect(await gone(javaPid!)).toBe(true);
  });

  it.each([
    ['SIGTERM', 143, 'Terminated before any change: nothing was created.'],
    ['SIGHUP', 129, 'The terminal went away (SIGHUP) before any change: nothing was created.'],
  ] as const)('%s while DynamoDB Local starts: exit %i, says so, and no JVM left running', async (signal, code, sentence) => {
    let javaPid: number | undefined;
    const run = await runCli(['--local', '--yes', '--json'], {
      env: env(),
      onStderr: (text, child) => {
        if (!text.includes('starting DynamoDB Local') || javaPid !== undefined) return;
        // Wait for java to be spawned, then end the run before it answers.
        const poll = setInterval(() => {
          javaPid = javaChildren(child.pid ?? -1)[0];
          if (javaPid === undefined) return;
          clearInterval(poll);
          child.kill(signal);
        }, 20);
      },
    });
    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`sentinel-init: ${sentence}`);
    expect(javaPid).toBeDefined();
    expect(await gone(javaPid!)).toBe(true);
  });

  it('SIGKILL of the run itself (no exit hook can run): the watchdog still ends the JVM', async () => {
    let javaPid: number | undefined;
    const run = await runCli(['--local', '--yes', '--json'], {
      env: env(),
      onStderr: (text, child) => {
        if (!text.includes('DynamoDB Local at') || javaPid !== undefined) return;
        javaPid = javaChildren(child.pid ?? -1)[0];
        child.kill('SIGKILL');
      },
    });
    expect(run.signal).toBe('SIGKILL');
    expect(javaPid).toBeDefined();
    expect(await gone(javaPid!)).toBe(true);
  });
});

describe('--local (the wizard, in an 80×24 terminal)', () => {
  const term = tmuxTerminal('local-demo');
  afterAll(() => term.close());

  it('asks the kind and the table name only, shows n/a locally and the cost line, creates the table', async () => {
    const s = 'demo80';
    term.launch(s, '--local', env(), { columns: 80, rows: 24 });
    const kind = await term.waitFor(s, 'Which table?', 60_000);
    // The region is picked and named; every table name is whole; the first screen says how to quit.
    expect(kind).toContain('region us-east-1');
    for (const table of ['sentinel-sessions', 'sentinel-requests', 'sentinel-breakglass', 'sentinel-ratelimit']) expect(kind).toContain(`table ${table}`);
    expect(kind).toContain('Ctrl-C quit');
    term.key(s, 'Enter');
    await term.waitFor(s, 'Table name?');
    term.key(s, 'Enter');
    const plan = await term.waitFor(s, 'Plan: create 1 table with 4 indexes');
    expect(plan).toMatch(/sentinel-init · plan · sessions › us-east-1 › sentinel-sessions\n/);
    term.key(s, 'End');
    const end = await term.waitFor(s, 'Prices: https://aws.amazon.com/dynamodb/pricing/');
    expect(end).toMatch(/– DynamoDB\.2, CT\.DYNAMODB\.PR\.1, DEPLOY-02b {2}n\/a locally: DynamoDB Local has\s+no point-in-time recovery/);
    expect(end).toContain('– DynamoDB.5  n/a locally: DynamoDB Local has no tags');
    expect(end).not.toContain('✗');
    term.key(s, 'Enter');
    const iam = await term.waitFor(s, 'IAM policies for this table');
    expect(iam).not.toContain('--account-id');
    term.key(s, 'Enter');
    await term.waitFor(s, 'Create table sentinel-sessions in us-east-1? [y/n]');
    term.typeText(s, 'y');
    const done = await term.waitFor(s, 'Enter finish', 30_000);
    expect(done).toContain('✓ Created table sentinel-sessions in us-east-1');
    term.key(s, 'Enter');
    await term.waitFor(s, 'EXIT=0', 20_000);
  }, 120_000);
});
