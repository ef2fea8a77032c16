// How the bench measures one process: wall time from spawn to exit, peak RSS through /usr/bin/time,
// and time to a first screen inside a pseudo-terminal (util-linux `script`).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TIME = '/usr/bin/time';
export const hasTime = existsSync(TIME);

/** Runs argv to completion; resolves {ms, code, stdout, stderr}. */
export function run(argv, env) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(argv[0], argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      // 'close' follows once the pipes drain; the time is taken at exit.
      child.on('close', () => resolve({ ms, code, stdout, stderr }));
    });
  });
}

/** Peak RSS in KiB of one run of argv (GNU time's %M), with its exit code. */
export async function peakRss(argv, env) {
  if (!hasTime) return { kib: undefined, code: undefined };
  const dir = mkdtempSync(join(tmpdir(), 'bench-rss-'));
  const out = join(dir, 'rss');
  try {
    const r = await run([TIME, '-f', '%M', '-o', out, ...argv], env);
    const kib = Number(readFileSync(out, 'utf8').trim().split('\n').pop());
    return { kib: Number.isFinite(kib) ? kib : undefined, code: r.code, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ANSI = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007]*\u0007|[@-Z\\-_])/g;

/** Shell-quotes one word for `script -c`. */
const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

/**
 * Spawns argv in a 100x30 pseudo-terminal and resolves the time until its output, stripped of escape
 * sequences, matches `ready`; then sends Ctrl-C and waits for it to end. With `rss`, argv runs under
 * /usr/bin/time and the peak RSS (KiB) is returned too.
 */
export function firstScreen(argv, env, { ready, timeoutMs = 10_000, rss = false }) {
  const dir = rss && hasTime ? mkdtempSync(join(tmpdir(), 'bench-pty-')) : undefined;
  const out = dir && join(dir, 'rss');
  const inner = (out ? [TIME, '-f', '%M', '-o', out, ...argv] : argv).map(q).join(' ');
  // stty first: a pty made under no terminal is 0x0, and the same stty runs for the baseline.
  const command = `stty cols 100 rows 30 2>/dev/null; exec ${inner}`;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let text = '';
    let ms;
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.stdout.on('data', (c) => {
      text += c.toString();
      if (ms === undefined && ready.test(text.replace(ANSI, ''))) {
        ms = performance.now() - t0;
        child.stdin.write('\u0003');
      }
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      let kib;
      if (out) {
        try {
          kib = Number(readFileSync(out, 'utf8').trim().split('\n').pop());
        } catch {
          kib = undefined;
        }
        rmSync(dir, { recursive: true, force: true });
      }
      resolve({ ms, code, kib: Number.isFinite(kib) ? kib : undefined, text: text.replace(ANSI, '') });
    });
  });
}

/** Median of numbers (undefined ignored). */
export function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}
