/**
 * One credential resolver for both faces, on the SDK's own providers: fromIni for a named profile
 * (keys, SSO, assume-role with source_profile or credential_source, mfa_serial, credential_process),
 * the node chain when no profile is chosen. Failures are wrapped with what we knew, so
 * credentialErrorToCli can say the one thing to do.
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { UsageError } from '../core/errors.js';
import { CredentialResolutionError, type CredentialFailureContext } from './credential-errors.js';
import { clientTiming } from './http.js';
import { analyseProfile, readSharedConfig } from './profiles.js';
import { checkSharedFiles } from './shared-files.js';
import type { MfaCodeProvider } from './types.js';

export interface CredentialRequest {
  /** undefined: the default chain (environment, shared files, SSO, container, instance). */
  profile?: string;
  /**
   * Called with the mfa_serial when a role needs a code. It may throw (a CliError passes through
   * unchanged). After a failure the next call resolves again, so the wizard can ask once more.
   */
  mfaCodeProvider?: MfaCodeProvider;
  /** The run's region: STS AssumeRole goes there (else the SDK picks the profile's region or us-east-1). */
  region?: string;
}

// Refresh a little before expiry, as the SDK does, so a long apply never signs with stale keys.
const REFRESH_MS = 5 * 60_000;

type RoleAssumer = ReturnType<typeof import('./sdk/sts.js').getDefaultRoleAssumer>;

/**
 * The SDK's role assumer, with STS loaded when a profile first assumes a role: a run on keys, SSO
 * or a custom endpoint never loads it (its client is 22 KB minified).
 */
function lazyRoleAssumer(config: Parameters<typeof import('./sdk/sts.js').getDefaultRoleAssumer>[0]): RoleAssumer {
  let assume: RoleAssumer | undefined;
  return async (source, params) => {
    assume ??= (await import('./sdk/sts.js')).getDefaultRoleAssumer(config);
    return assume(source, params);
  };
}

/**
 * A memoised provider shared by the STS and DynamoDB clients, so an MFA code is asked, a process run
 * and a role assumed once per run; nothing is resolved until a call needs credentials.
 */
export async function credentialProvider(request: CredentialRequest): Promise<AwsCredentialIdentityProvider> {
  // Before the SDK's providers and clients read the shared files: never a FIFO (see checkSharedFiles).
  await checkSharedFiles();
  const { fromIni, fromNodeProviderChain } = await import('./sdk/credentials.js');
  // The STS and SSO clients inside the providers get the same time bounds as every other call.
  const { config: clientConfig } = await clientTiming();
  const roleAssumer = request.region ? lazyRoleAssumer({ region: request.region, ...clientConfig }) : undefined;
  let mfaSerial: string | undefined;
  const mfaCodeProvider = request.mfaCodeProvider
    ? (serial: string) => {
        mfaSerial = serial;
        return request.mfaCodeProvider!(serial);
      }
    : undefined;
  // ignoreCache: the SDK caches file reads per process; a wizard may run after `aws sso login`.
  const init = { mfaCodeProvider, ignoreCache: true, clientConfig, ...(roleAssumer && { roleAssumer }) };
  const inner = request.profile ? fromIni({ ...init, profile: request.profile }) : fromNodeProviderChain(init);

  let value: AwsCredentialIdentity | undefined;
  let inFlight: Promise<AwsCredentialIdentity> | undefined;
  const resolve = async (props?: Parameters<AwsCredentialIdentityProvider>[0]): Promise<AwsCredentialIdentity> => {
    try {
      mfaSerial = undefined;
      value = checkPrintable(await inner(props), request.profile);
      return value;
    } catch (error) {
      throw new CredentialResolutionError(error, { ...(await diagnose(request.profile, request.region)), mfaSerial });
    } finally {
      inFlight = undefined;
    }
  };
  return async (props) => {
    if (value && !(value.expiration && value.expiration.getTime() - Date.now() < REFRESH_MS)) return value;
    inFlight ??= resolve(props);
    return inFlight;
  };
}

/**
 * Keys with a newline or another control character (a paste gone wrong) make Node refuse the request
 * header with "Invalid character in header content": say which credential is broken instead.
 */
function checkPrintable(credentials: AwsCredentialIdentity, profile?: string): AwsCredentialIdentity {
  const fields = { 'access key id': credentials.accessKeyId, 'secret access key': credentials.secretAccessKey, 'session token': credentials.sessionToken };
  for (const [label, value] of Object.entries(fields)) {
    if (value !== undefined && /[\u0000-\u0020\u007f-\u009f]/.test(value)) {
      const where = profile ? `the keys of profile ${profile}` : 'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN (or the default profile)';
      throw new UsageError(`The ${label} contains a space, newline or other control character.`, `Fix ${where}.`);
    }
  }
  return credentials;
}

/**
 * What the shared files say about the profile, for the error sentence; never throws. With no
 * profile the default chain reads AWS_PROFILE or `default`: only its SSO link is worth knowing.
 */
async function diagnose(profile: string | undefined, region: string | undefined): Promise<CredentialFailureContext> {
  try {
    const config = await readSharedConfig();
    const info = analyseProfile(profile ?? (process.env.AWS_PROFILE || 'default'), config);
    if (!profile) return { ssoProfile: info.ssoProfile };
    const section = config.profiles[profile];
    // The role assumer calls STS in the run's region; without one the SDK takes the profile's, else us-east-1.
    const assumeRoleRegion = section?.role_arn && section.source_profile ? (region ?? info.region ?? 'us-east-1') : undefined;
    return { profile, exists: profile in config.profiles, broken: info.broken, ssoProfile: info.ssoProfile, ...(assumeRoleRegion && { assumeRoleRegion }) };
  } catch {
    return { profile };
  }
}

/**
 * The headless MFA answer: the --mfa-code value, or a usage error naming the flag when a role needs a
 * code and none was given (exit 2).
 */
export function headlessMfaProvider(code?: string, profile?: string): MfaCodeProvider {
  return async (serial) => {
    const who = profile ? `Profile ${profile}` : 'The profile';
    if (!code) throw new UsageError(`${who} needs an MFA code for ${serial}.`, 'Pass --mfa-code CODE (the current code from the device).');
    // Its format was checked with the flag (validateMfaCode in src/cli/args.ts).
    return code;
  };
}
