/**
 * Credential failures as one line each, with the fix. The sentences are keyed on the error names and
 * messages the installed SDK really throws (credential-provider-ini/-sso/-process/-node,
 * token-providers, STS and DynamoDB service errors); test/aws exercises each one for real.
 * No SDK import here: this runs on every failure path, including offline ones.
 */
import { AwsFailure, CliError, UsageError } from '../core/errors.js';
import { printedCommand } from '../core/shell.js';
import { maskTokens } from '../core/text.js';
import { sharedFilePaths } from './shared-files.js';
import { stsErrorToCli } from './sts-errors.js';
import { errorName, networkCode } from './transport-errors.js';

/** What the credential provider knew when resolution failed (attached by credentials.ts). */
export interface CredentialFailureContext {
  profile?: string;
  /** The mfa_serial a code was asked for, if one was. */
  mfaSerial?: string;
  /** Why the profile cannot work, from the profile analysis. */
  broken?: string;
  /** Whether the profile exists in the shared files. */
  exists?: boolean;
  /** The SSO profile the token belongs to (the profile itself or one down its source_profile chain). */
  ssoProfile?: string;
  /** The region STS AssumeRole is called in, when the profile assumes a role from a source_profile. */
  assumeRoleRegion?: string;
}

/** Wraps whatever the SDK threw while resolving credentials, so it is told apart from service errors. */
export class CredentialResolutionError extends Error {
  constructor(
    cause: unknown,
    readonly context: CredentialFailureContext,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'CredentialResolutionError';
  }
}

const INVALID_KEYS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
]);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired', 'RequestExpired']);

const firstLine = (text: string): string => text.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
const label = (profile?: string): string => (profile ? `profile ${profile}` : 'the default credentials');

/**
 * A failed credential_process as child_process words it, "Command failed: CMD\nSTDERR", taken apart:
 * the program's file name (the first word after any `NAME=value`), never its arguments (they often
 * hold a key or token); its error output with token-like words masked.
 */
function processFailure(message: string): { program: string; stderr: string } {
  const [first = '', ...rest] = message.split('\n');
  const words = first.replace(/^Command failed:\s*/, '').match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
  const word = words.find((w) => !/^[A-Za-z_]\w*=/.test(w)) ?? '';
  const program = word.replace(/^["']|["']$/g, '').split(/[/\\]/).at(-1) ?? '';
  return { program, stderr: maskTokens(rest.join('\n').trim()) };
}

/**
 * Keys AWS rejected or whose session expired, whichever service said so (STS, DynamoDB): the one
 * table of these sentences. Undefined for any other error.
 */
export function keyErrorToCli(cause: unknown, profile?: string, ssoProfile?: string): CliError | undefined {
  const name = errorName(cause);
  const message = cause instanceof Error ? cause.message : String(cause);
  const who = label(profile);
  if (INVALID_KEYS.has(name)) {
    return new AwsFailure(
      `AWS rejected the access keys of ${who} (${name}).`,
      `Check aws_access_key_id and aws_secret_access_key in ${sharedFilePaths().credentials} or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or use another --aws-profile.`,
      { cause },
    );
  }
  if (EXPIRED.has(name) || /returned expired credentials/.test(message)) {
    const fix = ssoProfile ? `Run: ${printedCommand('aws', ['sso', 'login'], { profile: ssoProfile })}` : 'Get fresh credentials (a new aws_session_token, or `aws sso login` for an SSO profile) and rerun.';
    return new AwsFailure(`The session credentials of ${who} have expired (${name || 'expired'}).`, fix, { cause });
  }
  return undefined;
}

/**
 * A one-line CliError for a credential failure (exit 1; a missing --mfa-code or unknown profile is
 * usage, exit 2), or undefined when the error is not about credentials (then DynamoDB mapping applies).
 */
export function credentialErrorToCli(error: unknown, profile?: string): CliError | undefined {
  const wrapped = error instanceof CredentialResolutionError ? error : undefined;
  const cause = wrapped ? wrapped.cause : error;
  if (cause instanceof CliError) return cause;
  const ctx: CredentialFailureContext = { profile, ...wrapped?.context };
  const who = label(ctx.profile ?? profile);
  const name = errorName(cause);
  const message = cause instanceof Error ? cause.message : String(cause);
  const paths = sharedFilePaths();

  const keys = keyErrorToCli(cause, ctx.profile ?? profile, ctx.ssoProfile);
  if (keys) return keys;
  if (!wrapped) return noCredentials(message, paths);

  if (ctx.exists === false && ctx.profile) {
    return new UsageError(
      `Profile ${ctx.profile} is not in ${paths.config} or ${paths.credentials}.`,
      'Pass an existing --aws-profile (list them with `aws configure list-profiles`).',
    );
  }
  if (ctx.broken) {
    return new AwsFailure(`Profile ${ctx.profile} cannot work: ${ctx.broken}.`, `Fix its section in ${paths.config}.`, { cause });
  }
  // AssumeRole could not reach STS: the same sentence as when GetCallerIdentity cannot (not "check the profile").
  if (ctx.assumeRoleRegion && !ctx.ssoProfile && networkCode(cause)) {
    const unreachable = stsErrorToCli(cause, 'AssumeRole', ctx.assumeRoleRegion);
    if (unreachable) return unreachable;
  }
  // The SSO provider re-wraps the portal's refusal, so its name survives only in the message.
  const portalRefused = Boolean(ctx.ssoProfile) && (name === 'UnauthorizedException' || message.startsWith('UnauthorizedException'));
  if (/SSO session|SSO Token|aws sso login/i.test(message) || portalRefused) {
    const target = ctx.ssoProfile ?? ctx.profile;
    const fix = printedCommand('aws', ['sso', 'login'], { profile: target });
    return new AwsFailure(`The SSO session of ${who} has expired or was never started.`, `Run: ${fix}`, { cause });
  }
  if (/requires multi-factor authentication, but no MFA code callback/.test(message)) {
    return new UsageError(`Profile ${ctx.profile} needs an MFA code.`, 'Pass --mfa-code CODE (the current code from the MFA device).');
  }
  if (name === 'AccessDenied' && ctx.mfaSerial) {
    return new AwsFailure(
      `AWS refused the MFA code for ${who} (${ctx.mfaSerial}).`,
      'Rerun with the current code from the device (each code works once, for about 30 seconds).',
      { cause },
    );
  }
  if (name === 'AccessDenied') {
    return new AwsFailure(`AssumeRole was denied for ${who}: ${firstLine(message)}`, 'Check the role_arn and the role\'s trust policy.', { cause });
  }
  if (/credential_process returned invalid JSON/.test(message)) {
    return new AwsFailure(
      `The credential_process of ${who} printed something that is not JSON.`,
      'It must print {"Version": 1, "AccessKeyId": ..., "SecretAccessKey": ...} on stdout.',
      { cause },
    );
  }
  if (/credential_process/.test(message)) {
    return new AwsFailure(`The credential_process of ${who} gave unusable output: ${firstLine(message)}`, 'Fix the command and rerun.', { cause });
  }
  if (message.startsWith('Command failed:')) {
    const { program, stderr } = processFailure(message);
    // The SDK's error holds the whole command line: DEBUG's cause chain gets this one instead.
    const shown = new Error(`credential_process ${program} of ${who} failed; its error output (token-like words masked):\n${stderr || '(none)'}`);
    shown.stack = shown.message;
    return new AwsFailure(`The credential_process of ${who}${program ? ` (${program})` : ''} failed.`, 'Run it by hand to see why (or rerun with DEBUG=1 for its error output), then rerun.', { cause: shown });
  }
  const source = /Could not resolve credentials using profile: \[(.+?)\]/.exec(message)?.[1];
  if (source && source !== ctx.profile) {
    return new AwsFailure(`Profile ${ctx.profile} names source_profile ${source}, which does not exist.`, `Fix source_profile in ${paths.config}.`, { cause });
  }
  return noCredentials(message, paths) ?? new AwsFailure(`Could not get credentials for ${who}: ${firstLine(message)}`, 'Check the profile, or run again with --debug (or DEBUG=1) to see each AWS call.', { cause });
}

/** The default chain found nothing: say where it looked. */
function noCredentials(message: string, paths: { config: string; credentials: string }): CliError | undefined {
  if (!/Could not load credentials from any providers/.test(message)) return undefined;
  return new AwsFailure(
    `No AWS credentials found (looked in: environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ${paths.config}, ${paths.credentials}, SSO, container and instance metadata).`,
    'Pass --aws-profile NAME, set AWS_PROFILE, or run `aws configure`.',
  );
}
