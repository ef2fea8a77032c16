/**
 * A throwaway AWS home for one test: temp HOME, config and credentials files, no AWS_* variables
 * from the machine, instance metadata off (so the default chain fails fast instead of probing IMDS).
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AwsEnv {
  home: string;
  configPath: string;
  credentialsPath: string;
  writeConfig(text: string): void;
  writeCredentials(text: string): void;
  /** Writes an executable script into the temp dir and returns its path. */
  script(name: string, body: string): string;
  /** Writes the SSO token cache file the SDK looks up (sha1 of the session name or legacy start URL). */
  ssoToken(id: string, expiresAt: Date): string;
  restore(): void;
}

const KEEP = new Set(['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED']);

/** Isolates process.env for the SDK; call restore() in afterEach. */
export function isolateAws(): AwsEnv {
  const saved = { ...process.env };
  const home = mkdtempSync(join(tmpdir(), 'sentinel-aws-'));
  mkdirSync(join(home, '.aws'), { recursive: true });
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_') && !KEEP.has(key)) delete process.env[key];
  const configPath = join(home, '.aws', 'config');
  const credentialsPath = join(home, '.aws', 'credentials');
  Object.assign(process.env, {
    HOME: home,
    AWS_CONFIG_FILE: configPath,
    AWS_SHARED_CREDENTIALS_FILE: credentialsPath,
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  writeFileSync(configPath, '');
  writeFileSync(credentialsPath, '');
  return {
    home,
    configPath,
    credentialsPath,
    writeConfig: (text) => writeFileSync(configPath, text),
    writeCredentials: (text) => writeFileSync(credentialsPath, text),
    script(name, body) {
      const path = join(home, name);
      writeFileSync(path, body);
      chmodSync(path, 0o755);
      return path;
    },
    ssoToken(id, expiresAt) {
      const dir = join(home, '.aws', 'sso', 'cache');
      mkdirSync(dir, { recursive: true });
      const path = join(dir, `${createHash('sha1').update(id).digest('hex')}.json`);
      writeFileSync(path, JSON.stringify({ accessToken: 'stale-token', expiresAt: expiresAt.toISOString(), region: 'us-east-1', startUrl: 'https://corp.awsapps.com/start' }));
      return path;
    },
    restore() {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      rmSync(home, { recursive: true, force: true });
    },
  };
}
