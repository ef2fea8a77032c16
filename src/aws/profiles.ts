/**
 * Profiles from the shared config and credentials files, through the SDK's own loader
 * (honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE). The kind and the "cannot work" checks
 * follow the order fromIni tries things in, so what the list says is what a run will do.
 * One read of each file and a short walk per profile: fast with hundreds of profiles.
 */
// fs.promises is read when a file is: --generate-iam with --region never loads fs/promises (~1 ms).
import fs from 'node:fs';
import { checkSharedFiles, sharedFilePaths } from './shared-files.js';
import type { ProfileInfo, ProfileKind } from './types.js';

type Section = Record<string, string | undefined>;

/** Both files merged per profile (the credentials file wins, as in the SDK), plus sso-session sections. */
export interface SharedConfig {
  profiles: Record<string, Section>;
  ssoSessions: Record<string, Section>;
}

const CREDENTIAL_SOURCES = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'];

/** The profile's region, or undefined when the files cannot tell (never fails --generate-iam). */
export async function profileRegion(name: string): Promise<string | undefined> {
  try {
    return (await readSharedConfig()).profiles[name]?.region;
  } catch {
    return undefined;
  }
}

/** Reads the shared files fresh (the SDK caches reads; a wizard may run after `aws configure`). */
export async function readSharedConfig(): Promise<SharedConfig> {
  await checkSharedFiles();
  const { loadSharedConfigFiles } = await import('./sdk/config.js');
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const profiles: Record<string, Section> = {};
  const ssoSessions: Record<string, Section> = {};
  // The loader's own section objects, not copies: a config of 400,000 profiles doubled in memory otherwise.
  for (const [key, section] of Object.entries(configFile)) {
    if (key.startsWith('sso-session.')) ssoSessions[key.slice('sso-session.'.length)] = section;
    else if (!key.startsWith('services.')) profiles[key] = section;
  }
  for (const [key, section] of Object.entries(credentialsFile)) {
    // The loader keeps `[profile x]` of the credentials file as "profile.x", a name no one would
    // pass; the credentials file uses bare section names.
    if (key.startsWith('profile.')) continue;
    profiles[key] = profiles[key] ? { ...profiles[key], ...section } : section;
  }
  return { profiles, ssoSessions };
}

/**
 * Whether a file declares a section for `name` that the SDK's loader dropped because it holds no
 * setting (`[profile x]` with only `region =`): the error then says so instead of "not found".
 */
export async function emptySectionFile(name: string): Promise<string | undefined> {
  const paths = sharedFilePaths();
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const [path, header] of [
    [paths.config, new RegExp(`^\\s*\\[\\s*(?:profile\\s+${escaped}|${name === 'default' ? 'default' : '(?!)'})\\s*\\]`, 'm')],
    [paths.credentials, new RegExp(`^\\s*\\[\\s*${escaped}\\s*\\]`, 'm')],
  ] as const) {
    try {
      if (header.test(await fs.promises.readFile(path, 'utf8'))) return path;
    } catch {
      // unreadable or absent: readSharedConfig has said so already
    }
  }
  return undefined;
}

const isStatic = (s: Section): boolean => Boolean(s.aws_access_key_id && s.aws_secret_access_key);
const isSso = (s: Section): boolean =>
  Boolean(s.sso_start_url || s.sso_account_id || s.sso_session || s.sso_region || s.sso_role_name);
const isRole = (s: Section): boolean => Boolean(s.role_arn);

/** How this one section gets credentials, in fromIni's order (roles first, then keys, ...). */
function ownKind(s: Section): ProfileKind {
  if (isRole(s)) return 'role';
  if (isStatic(s)) return 'keys';
  if (s.credential_process) return 'process';
  if (isSso(s)) return 'sso';
  return 'unknown';
}

/** Why an SSO section cannot work, if it cannot. */
function ssoProblem(s: Section, config: SharedConfig): string | undefined {
  if (s.sso_session) {
    const session = config.ssoSessions[s.sso_session];
    if (!session) return `its [sso-session ${s.sso_session}] section is missing`;
    if (!session.sso_start_url || !session.sso_region) {
      return `[sso-session ${s.sso_session}] lacks sso_start_url or sso_region`;
    }
  } else if (!s.sso_start_url || !s.sso_region) {
    return 'it has no sso_session (or sso_start_url and sso_region)';
  }
  if (!s.sso_account_id || !s.sso_role_name) return 'it lacks sso_account_id or sso_role_name';
  return undefined;
}

export interface ProfileAnalysis extends ProfileInfo {
  /** The SSO profile whose token this one depends on (itself, or one down its source_profile chain). */
  ssoProfile?: string;
}

/** Kind, region, SSO host, MFA need and, when it cannot work, why: for one profile. */
export function analyseProfile(name: string, config: SharedConfig): ProfileAnalysis {
  const section = config.profiles[name];
  if (!section) return { name, kind: 'unknown', needsMfa: false, broken: 'it is not in the config or credentials file' };
  const info: ProfileAnalysis = { name, kind: ownKind(section), needsMfa: false };
  if (section.region) info.region = section.region;
  info.broken = walk(name, config, info);
  const sso = info.ssoProfile ? config.profiles[info.ssoProfile] : undefined;
  const startUrl = sso && (sso.sso_session ? config.ssoSessions[sso.sso_session]?.sso_start_url : sso.sso_start_url);
  if (startUrl) info.ssoHost = hostOf(startUrl);
  if (!info.broken) delete info.broken;
  return info;
}

/** Follows source_profile links the way the SDK does; records MFA and SSO on the way; returns a problem. */
function walk(start: string, config: SharedConfig, info: ProfileAnalysis): string | undefined {
  const visited = [start];
  let name = start;
  for (let depth = 0; ; depth++) {
    const s = config.profiles[name] ?? {};
    const prefix = depth === 0 ? '' : `source_profile ${name}: `;
    // Down the chain a profile with keys is used as is, even if it also names a role.
    if (depth > 0 && isStatic(s)) return undefined;
    if (isRole(s)) {
      if (s.mfa_serial) info.needsMfa = true;
      if (s.web_identity_token_file) return undefined;
      if (s.source_profile && s.credential_source) return `${prefix}it has both source_profile and credential_source`;
      if (s.credential_source) {
        return CREDENTIAL_SOURCES.includes(s.credential_source)
          ? undefined
          : `${prefix}credential_source must be ${CREDENTIAL_SOURCES.join(', ')}`;
      }
      if (!s.source_profile) return `${prefix}role_arn without source_profile or credential_source`;
      const next = s.source_profile;
      const target = config.profiles[next];
      if (!target) return `source_profile ${next} does not exist`;
      // A visited profile with keys ends the chain (role_arn + keys + source_profile = itself is common).
      if (visited.includes(next) && !isStatic(target)) return `source_profile loops: ${[...visited, next].join(' → ')}`;
      visited.push(next);
      name = next;
      continue;
    }
    if (isStatic(s) || s.credential_process) return undefined;
    if (isSso(s)) {
      info.ssoProfile = name;
      const problem = ssoProblem(s, config);
      return problem && prefix + problem;
    }
    if (s.login_session) return undefined;
    if (s.aws_access_key_id) return `${prefix}aws_access_key_id without aws_secret_access_key`;
    if (depth > 0 && s.credential_source) return undefined;
    return `${prefix}no way to get credentials (no keys, SSO, role_arn or credential_process)`;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Every profile, sorted by name, with its region, how it gets credentials, and why it cannot work. */
export async function loadProfiles(): Promise<ProfileInfo[]> {
  const config = await readSharedConfig();
  return Object.keys(config.profiles)
    // Code-point order: localeCompare took ~30 s for 400,000 names.
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => {
      const { ssoProfile: _ignored, ...info } = analyseProfile(name, config);
      return info;
    });
}
