/**
 * `--local` headless: the embedded DynamoDB Local comes and goes with the run, and a run ended by
 * SIGTERM while java starts leaves no JVM behind (Node skips exit hooks on an unhandled SIGTERM).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from '../cli/run-cli.js';

/** PIDs of java processes whose parent is `pid`. */
function javaChildren(pid: number): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,comm='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, ppid, comm]) => Number(ppid) === pid && comm === 'java')
    .map(([p]) => Number(p));
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
    expect(JSON.parse(run.stdout)).toMatchObject({ kind: 'sessions', table: 'sentinel-sessions', status: 'created' });
    expect(run.stderr).toContain('Nothing here touches AWS');
    expect(javaPid).toBeDefined();
    expect(await gone(javaPid!)).toBe(true);
  });

  it('SIGTERM while DynamoDB Local starts: exit 143 and no JVM left running', async () => {
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
          child.kill('SIGTERM');
        }, 20);
      },
    });
    expect(run.code).toBe(143);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Terminated.');
    expect(javaPid).toBeDefined();
    expect(await gone(javaPid!)).toBe(true);
  });
});
