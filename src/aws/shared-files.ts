/** Where the shared config and credentials files are, by the SDK's own rule (HOME first, empty variables ignored). */
import { homedir } from 'node:os';
import { join } from 'node:path';

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
