/**
 * Profiles from the shared config and credentials files, through the SDK's own loader
 * (honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE).
 * MINIMAL VERSION — issue 4 (credentials) completes kind detection, SSO host and broken marks.
 */
import type { ProfileInfo } from './types.js';

/** Every profile, sorted by name, with its region and how it gets credentials. */
export async function loadProfiles(): Promise<ProfileInfo[]> {
  const { loadSharedConfigFiles } = await import('@smithy/core/config');
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const names = new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)]);
  const profiles: ProfileInfo[] = [];
  for (const name of names) {
    if (name.startsWith('sso-session.') || name.startsWith('services.')) continue;
    const section = { ...credentialsFile[name], ...configFile[name] };
    profiles.push({ name, region: section.region, kind: 'unknown', needsMfa: Boolean(section.mfa_serial) });
  }
  return profiles.sort((a, b) => a.name.localeCompare(b.name));
}
