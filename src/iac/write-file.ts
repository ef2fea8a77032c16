/**
 * Every file the tool writes (--output-file, and the wizard's policy and code saves): the whole file or
 * nothing, and for a save of several files all of them or none. Each text goes to a new temporary
 * file in the target's directory (O_EXCL: never an existing file or a symlink's target), is flushed to
 * disk, and is then put in place in one step. Without --force that step is link(), which fails if the
 * name exists in any form (a dangling symlink included); with --force it is rename(), which replaces
 * the name itself, so a symlink there is replaced, never followed. The temporary name is short
 * (a 255-byte name that is valid stays writable) and is removed on every exit path (exit-cleanup.ts).
 */
// crypto and fs/promises are loaded by the first save, not with the wizard: both load before its first
// screen otherwise (Node's crypto alone is about 2 ms and 2.5 MiB on Node 22).
import type * as NodeFs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AwsFailure, UsageError, type CliError } from '../core/errors.js';
import { release, removeAtExit } from './exit-cleanup.js';

/** The calls the writer makes, so a test can make one of them fail or hang. */
export type WriteFs = Pick<typeof NodeFs, 'open' | 'link' | 'rename' | 'unlink' | 'lstat' | 'stat'>;

export interface FileToWrite {
  /** The name; or, for a name that must never replace a file, its n-th choice (1, 2, 3, …). */
  path: string | ((n: number) => string);
  text: string;
}

const firstName = (file: FileToWrite): string => (typeof file.path === 'string' ? file.path : file.path(1));
const codeOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? '';

/** A sentence for a failed write: what the person can fix (2), or what the file system refused (1). */
async function writeError(error: unknown, path: string, fs: WriteFs): Promise<CliError> {
  if (error instanceof UsageError || error instanceof AwsFailure) return error;
  const code = codeOf(error);
  const dir = dirname(path);
  if (code === 'EEXIST') return new UsageError(`${path} already exists.`, 'Pass --force to replace it, or choose another --output-file.');
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    // ENOENT also comes from a directory that exists but takes no new files (/proc).
    const isDir = await fs.stat(dir).then((s) => s.isDirectory(), () => false);
    if (isDir) return new UsageError(`Cannot create ${path}: the file system of ${dir} does not take new files (${code}).`, 'Choose another --output-file.');
    return new UsageError(`The directory of ${path} does not exist.`, 'Create it, or choose another --output-file.');
  }
  if (code === 'EISDIR') return new UsageError(`${path} is a directory.`, 'Give a file name with --output-file.');
  if (code === 'ENAMETOOLONG') return new UsageError(`The name ${path} is too long for the file system.`, 'Choose a shorter --output-file.');
  const why = error instanceof Error ? error.message : String(error);
  return new AwsFailure(`Could not write ${path}: ${why}.`, 'Check the directory is writable and has space, or choose another --output-file.');
}

/** A directory given as the file (`adir/`, or an existing directory): said before anything is written. */
async function checkNotDirectory(path: string, fs: WriteFs): Promise<void> {
  if (/[/\\]$/.test(path)) throw new UsageError(`${path} names a directory (it ends with ${path.at(-1)}), not a file.`, 'Give a file name with --output-file.');
  const isDir = await fs.lstat(path).then((s) => s.isDirectory(), () => false);
  if (isDir) throw new UsageError(`${path} is a directory.`, 'Give a file name with --output-file.');
}

/** The text in a new temporary file in `dir`, flushed; registered for removal at once. */
async function writeTemp(fs: WriteFs, dir: string, text: string, temps: string[]): Promise<string> {
  // 31 bytes whatever the target's name: a valid 255-byte name never becomes ENAMETOOLONG here.
  const { randomBytes } = await import('node:crypto');
  const temp = join(dir, `.sentinel-init-${randomBytes(6).toString('hex')}.tmp`);
  const file = await fs.open(temp, 'wx', 0o644);
  temps.push(temp);
  removeAtExit(temp);
  try {
    await file.writeFile(text);
    await file.sync();
  } finally {
    await file.close();
  }
  return temp;
}

/** link(), or on a file system without hard links (FAT, some network shares) a check and rename(). */
async function linkOrRename(fs: WriteFs, temp: string, path: string): Promise<void> {
  try {
    await fs.link(temp, path);
  } catch (error) {
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(codeOf(error))) throw error;
    const taken = await fs.lstat(path).then(() => true, () => false);
    if (taken) throw Object.assign(new Error(`${path} exists`), { code: 'EEXIST' });
    await fs.rename(temp, path);
  }
}

/** Puts the temporary file in place under the file's name (or its first free choice); returns the name. */
async function place(fs: WriteFs, temp: string, file: FileToWrite, force: boolean): Promise<string> {
  if (typeof file.path === 'string') {
    if (force) await fs.rename(temp, file.path);
    else await linkOrRename(fs, temp, file.path);
    return file.path;
  }
  for (let n = 1; n < 1000; n++) {
    const path = file.path(n);
    try {
      await linkOrRename(fs, temp, path);
      return path;
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error;
    }
  }
  throw new AwsFailure(`Too many files named like ${basename(file.path(1))} in ${dirname(file.path(1))}: remove some and save again.`);
}

/**
 * Writes every file, or none (a failure removes those already in place; with `force` a replaced file
 * cannot come back, so `force` is for one file). Returns the names written. Throws a CliError.
 */
export async function writeFilesAtomic(files: readonly FileToWrite[], options: { force?: boolean; fs?: WriteFs } = {}): Promise<string[]> {
  const fs = options.fs ?? (await import('node:fs/promises'));
  const force = options.force ?? false;
  const temps: string[] = [];
  const placed: string[] = [];
  let current = files[0] ? firstName(files[0]) : '';
  try {
    for (const file of files) {
      current = firstName(file);
      if (typeof file.path === 'string') await checkNotDirectory(file.path, fs);
      await writeTemp(fs, dirname(current), file.text, temps);
    }
    for (const [i, file] of files.entries()) {
      current = firstName(file);
      const path = await place(fs, temps[i] as string, file, force);
      placed.push(path);
      // Until the last file is in place, the first ones are the exit's to remove (all or none).
      if (!force) removeAtExit(path);
    }
    return placed;
  } catch (error) {
    if (!force) for (const path of placed) await fs.unlink(path).catch(() => {});
    throw await writeError(error, current, fs);
  } finally {
    for (const path of placed) release(path);
    // After rename the temporary name is gone already; after link it is a second name to drop.
    for (const temp of temps) {
      await fs.unlink(temp).catch(() => {});
      release(temp);
    }
  }
}

/** --output-file: writes `text` to `path` atomically; refuses an existing `path` unless `force`. */
export async function writeFileAtomic(path: string, text: string, force = false, fs?: WriteFs): Promise<void> {
  await writeFilesAtomic([{ path, text }], { force, fs });
}
