/**
 * Node's own compile cache (module.enableCompileCache, Node >= 22.1; nothing on older Node): V8 code
 * for the chunks a run compiled, kept between runs. Node validates every entry (checksums of the
 * source and of the cached data) and recompiles on any doubt, and writes through a temporary file
 * renamed into place, so a planted symlink is replaced, never followed. What Node does not guard is
 * ours: the directory is the user's own (an absolute XDG_CACHE_HOME, else ~/.cache), made one level
 * at a time (Node's recursive mkdir loops for ever under /proc), a real directory owned by the user,
 * mode 0700, and anything in it that is not a regular file (a FIFO would block Node's read for ever)
 * is removed first — looked for only when a folder's time says something changed since the last
 * check. Never fatal: any doubt means no cache for this run.
 */
import { chmodSync, closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** Where the cache lives, or undefined when the environment gives no safe answer. */
export function compileCacheDir(env: NodeJS.ProcessEnv, home: string = safeHome()): { base: string; dir: string } | undefined {
  if (env.SENTINEL_INIT_NO_CODE_CACHE) return undefined;
  // The XDG spec calls a relative path invalid, to be ignored: it would write into the cwd.
  const xdg = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : undefined;
  const base = xdg ?? (home && isAbsolute(home) ? join(home, '.cache') : undefined);
  return base ? { base, dir: join(base, 'sentinel-init', 'compile-cache') } : undefined;
}

function safeHome(): string {
  try {
    return homedir();
  } catch {
    return '';
  }
}

/** mkdir that accepts an existing real directory and nothing else (no symlink, no file). */
function ensureDir(path: string, mode?: number): void {
  try {
    mkdirSync(path, { mode });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (!lstatSync(path).isDirectory()) throw new Error(`${path} is not a directory`);
}

/**
 * Removes whatever under `dir` (two levels: Node's per-version folders and their files) is not what
 * Node writes; returns the folders' modification times after it, for the stamp.
 */
function dropStrangers(dir: string): Record<string, number> {
  const times: Record<string, number> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (!entry.isDirectory()) {
      rmSync(path, { force: true });
      continue;
    }
    for (const file of readdirSync(path, { withFileTypes: true })) {
      if (!file.isFile()) rmSync(join(path, file.name), { recursive: true, force: true });
    }
    times[entry.name] = lstatSync(path).mtimeMs;
  }
  return { ...times, '.': lstatSync(dir).mtimeMs };
}

/**
 * The stamp of the last check: the modification times of the cache directory and of its folders
 * after it. Nothing can be added to, removed from or replaced in a folder without changing its time,
 * so while every time matches, the folders hold what the check left (and what Node wrote since
 * went through its own rename); the check then costs a read and a few lstat, not a scan that grows
 * with every build cached. Kept beside the directory, so writing it changes no time inside.
 */
const stampOf = (dir: string) => `${dir}.checked`;

function unchangedSinceCheck(dir: string, dirTime: number): boolean {
  let fd: number | undefined;
  try {
    // Non-blocking and no symlink: a FIFO or a link planted here must not stop or redirect the start.
    fd = openSync(stampOf(dir), constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    if (!fstatSync(fd).isFile()) return false;
    const stamp = JSON.parse(readFileSync(fd, 'utf8')) as Record<string, unknown>;
    if (stamp['.'] !== dirTime) return false;
    return Object.entries(stamp).every(([name, time]) => name === '.' || (!name.includes('/') && name !== '..' && lstatSync(join(dir, name)).mtimeMs === time));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes the stamp through a new file renamed into place; any failure only means the next start checks again. */
function writeStamp(dir: string, times: Record<string, number>): void {
  const temp = `${stampOf(dir)}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, JSON.stringify(times), { flag: 'wx', mode: 0o600 });
    renameSync(temp, stampOf(dir));
  } catch {
    rmSync(temp, { force: true });
  }
}

/** The cache directory, made or checked: ours, private, holding only regular files. Undefined when it cannot be. */
export function privateDir(base: string, dir: string): string | undefined {
  try {
    ensureDir(base, 0o700);
    ensureDir(join(base, 'sentinel-init'), 0o700);
    ensureDir(dir, 0o700);
    const stat = lstatSync(dir);
    if (process.getuid && stat.uid !== process.getuid()) return undefined;
    if ((stat.mode & 0o077) !== 0) chmodSync(dir, 0o700);
    if (!unchangedSinceCheck(dir, stat.mtimeMs)) writeStamp(dir, dropStrangers(dir));
    return dir;
  } catch {
    return undefined;
  }
}

/** Turns the cache on where the running Node has it and the directory is safe; returns the directory used. */
export function enableCompileCache(env: NodeJS.ProcessEnv): string | undefined {
  const enable = (module as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
  if (typeof enable !== 'function') return undefined;
  const where = compileCacheDir(env);
  const dir = where && privateDir(where.base, where.dir);
  if (!dir) return undefined;
  try {
    enable(dir);
    return dir;
  } catch {
    return undefined;
  }
}
