/** Every flag and the option it sets: what args.ts parses and the completion scripts offer. */

export type ValueKey = 'table' | 'region' | 'profile' | 'accountId' | 'mfaCode' | 'endpointUrl' | 'timeout' | 'kmsKey' | 'tag' | 'output' | 'outputFile' | 'function';
export type BoolKey = 'clean' | 'plan' | 'yes' | 'generateIam' | 'json' | 'local' | 'help' | 'version' | 'noDeletionProtection' | 'noPitr' | 'verify' | 'detailedExitcode' | 'allowUnknownRegion' | 'allowKindChange' | 'force' | 'noInput' | 'debug';

export const VALUE_FLAGS: Record<string, ValueKey> = {
  '--table': 'table',
  '--region': 'region',
  '--aws-profile': 'profile',
  '--profile': 'profile',
  '--account-id': 'accountId',
  '--mfa-code': 'mfaCode',
  '--endpoint-url': 'endpointUrl',
  '--timeout': 'timeout',
  '--kms-key': 'kmsKey',
  // Repeatable: every --tag adds one (parseArgs collects them).
  '--tag': 'tag',
  '--output': 'output',
  '--output-file': 'outputFile',
  '--function': 'function',
};

export const BOOL_FLAGS: Record<string, BoolKey> = {
  '--plan': 'plan',
  '--yes': 'yes',
  '-y': 'yes',
  '--generate-iam': 'generateIam',
  '--json': 'json',
  '--no-deletion-protection': 'noDeletionProtection',
  '--no-pitr': 'noPitr',
  '--verify': 'verify',
  '--clean': 'clean',
  '--detailed-exitcode': 'detailedExitcode',
  '--allow-unknown-region': 'allowUnknownRegion',
  '--allow-kind-change': 'allowKindChange',
  '--force': 'force',
  '--debug': 'debug',
  '--local': 'local',
  '--no-input': 'noInput',
  '--help': 'help',
  '-h': 'help',
  '--version': 'version',
  '-V': 'version',
};

/** Every flag, for "did you mean" and the completion scripts. */
export const FLAG_NAMES = { values: Object.keys(VALUE_FLAGS), switches: [...Object.keys(BOOL_FLAGS), '--generate-iam'] };

