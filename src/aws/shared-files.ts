/** Where the shared config and credentials files are, by the SDK's own rule (HOME first, empty variables ignored). */
// fs.promises is read when a file is checked: --generate-iam with --region never loads fs/promises.
import fs, { constants } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';

function home(env: NodeJS.ProcessEnv): string {
  return env.HOME || env.USERPROFILE || homedir();
}

/** The two files the SDK reads profiles from. */
export function sharedFilePaths(env: NodeJS.ProcessEnv = process.env): { config: string; credentials: string } {
  return {
    config: env.AWS_CONFIG_FILE || join(home(env), '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || join(home(env), '.aws', 'credentials'),
  };
}

/** "<config> or <credentials>", for messages that say where a profile was looked for. */
export function sharedFilesText(env: NodeJS.ProcessEnv = process.env): string {
  const { config, credentials } = sharedFilePaths(env);
  return `${config} or ${credentials}`;
}

/**
 * The SDK's loader treats a file it cannot read as empty ("No profiles are configured") and blocks
 * for ever on a FIFO: check each file first, and say what is wrong with it.
 */
async function checkReadable(path: string, variable: string): Promise<void> {
  let info;
  try {
    info = await fs.promises.stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return;
    throw new UsageError(`Cannot read ${path} (${code}).`, `Fix it, or point ${variable} at another file.`);
  }
  if (!info.isFile()) {
    const what = info.isDirectory() ? 'a directory' : info.isFIFO() ? 'a FIFO' : info.isSocket() ? 'a socket' : 'a device';
    throw new UsageError(`${path} is ${what}, not a regular file, so it cannot hold AWS profiles.`, `Point ${variable} at a regular file, or remove it.`);
  }
  try {
    await fs.promises.access(path, constants.R_OK);
  } catch (error) {
    throw new UsageError(`Cannot read ${path} (${(error as NodeJS.ErrnoException).code}: permission denied).`, `Fix its permissions (e.g. chmod 600), or point ${variable} at another file.`);
  }
}

/**
 * Both shared files checked before anything of the SDK reads them (the profile list, and the
 * providers and clients, which read them even with no profile named): a FIFO would block the read
 * in a thread no signal can end, so even Ctrl-C and SIGTERM would leave the process running.
 */
export async function checkSharedFiles(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const paths = sharedFilePaths(env);
  await checkReadable(paths.config, 'AWS_CONFIG_FILE');
  await checkReadable(paths.credentials, 'AWS_SHARED_CREDENTIALS_FILE');
}
