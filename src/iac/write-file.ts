/**
 * --output-file: the whole file or nothing. The text goes to a new temporary file in the same
 * directory (O_EXCL: never an existing file or a symlink's target), is flushed to disk, and is then
 * put in place in one step. Without --force that step is link(), which fails if the name exists in
 * any form (a dangling symlink included); with --force it is rename(), which replaces the name
 * itself, so a symlink there is replaced, never followed.
 */
import { randomBytes } from 'node:crypto';
import { link, lstat, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AwsFailure, UsageError, type CliError } from '../core/errors.js';

/** A sentence for a failed write: what the person can fix (2), or what the file system refused (1). */
function writeError(error: unknown, path: string): CliError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'EEXIST') return new UsageError(`${path} already exists.`, 'Pass --force to replace it, or choose another --output-file.');
  if (code === 'ENOENT' || code === 'ENOTDIR') return new UsageError(`The directory of ${path} does not exist.`, 'Create it, or choose another --output-file.');
  if (code === 'EISDIR') return new UsageError(`${path} is a directory.`, 'Give a file name with --output-file.');
  const why = error instanceof Error ? error.message : String(error);
  return new AwsFailure(`Could not write ${path}: ${why}.`, 'Check the directory is writable and has space, or choose another --output-file.');
}

/** link(), or on a file system without hard links (FAT, some network shares) a check and rename(). */
async function linkOrRename(temp: string, path: string): Promise<void> {
  try {
    await link(temp, path);
  } catch (error) {
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    const taken = await lstat(path).then(() => true, () => false);
    if (taken) throw Object.assign(new Error(`${path} exists`), { code: 'EEXIST' });
    await rename(temp, path);
  }
}

/** Writes `text` to `path` atomically; refuses an existing `path` unless `force`. Throws a CliError. */
export async function writeFileAtomic(path: string, text: string, force = false): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    const file = await open(temp, 'wx', 0o644);
    created = true;
    try {
      await file.writeFile(text);
      await file.sync();
    } finally {
      await file.close();
    }
    if (force) await rename(temp, path);
    else await linkOrRename(temp, path);
  } catch (error) {
    throw writeError(error, path);
  } finally {
    // After rename the temporary name is gone already; after link it is a second name to drop.
    if (created) await unlink(temp).catch(() => {});
  }
}
