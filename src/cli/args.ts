/**
 * Flags -> Options, in one place, plus the help text. Pure and light: the entry point answers
 * --help and --version with nothing else loaded.
 */
import { parseDuration, validateDuration } from '../core/duration.js';
import { UsageError } from '../core/errors.js';
import { isKindName, KIND_NAMES, KINDS, type KindName } from '../core/kinds.js';
import type { Options } from '../service/options.js';
import { validateAccountId, validateEndpointUrl, validateMfaCode, validateRegion, validateTableName } from '../core/validate.js';

type ValueKey = 'table' | 'region' | 'profile' | 'accountId' | 'mfaCode' | 'endpointUrl' | 'timeout';
type BoolKey = 'plan' | 'yes' | 'generateIam' | 'json' | 'local' | 'help' | 'version' | 'noDeletionProtection' | 'verify' | 'detailedExitcode' | 'allowUnknownRegion';

const VALUE_FLAGS: Record<string, ValueKey> = {
  '--table': 'table',
  '--region': 'region',
  '--aws-profile': 'profile',
  '--profile': 'profile',
  '--account-id': 'accountId',
  '--mfa-code': 'mfaCode',
  '--endpoint-url': 'endpointUrl',
  '--timeout': 'timeout',
};

const BOOL_FLAGS: Record<string, BoolKey> = {
  '--plan': 'plan',
  '--yes': 'yes',
  '-y': 'yes',
  '--generate-iam': 'generateIam',
  '--json': 'json',
  '--no-deletion-protection': 'noDeletionProtection',
  '--verify': 'verify',
  '--detailed-exitcode': 'detailedExitcode',
  '--allow-unknown-region': 'allowUnknownRegion',
  '--local': 'local',
  '--help': 'help',
  '-h': 'help',
  '--version': 'version',
  '-V': 'version',
};

const VALIDATORS: Partial<Record<ValueKey, (v: string) => string | undefined>> = {
  table: validateTableName,
  region: validateRegion,
  accountId: validateAccountId,
  endpointUrl: validateEndpointUrl,
  mfaCode: validateMfaCode,
  timeout: validateDuration,
};

const HELP_HINT = 'Run sentinel-init --help for usage.';

function usage(message: string): UsageError {
  return new UsageError(message, HELP_HINT);
}

/** Parses argv (without node and the script) into Options. Throws UsageError (exit 2) on bad input. */
export function parseArgs(argv: readonly string[]): Options {
  const values: Partial<Record<ValueKey, string>> = {};
  const bools = new Set<BoolKey>();
  let kind: KindName | undefined;
  let command: Options['command'] = 'provision';
  let onlyPositionals = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!onlyPositionals && arg === '--') {
      onlyPositionals = true;
      continue;
    }
    if (onlyPositionals || !arg.startsWith('-') || arg === '-') {
      // `verify` comes first, like a git subcommand: `sentinel-init verify sessions`.
      if (arg === 'verify' && kind === undefined && command === 'provision' && !onlyPositionals) {
        command = 'verify';
        continue;
      }
      if (kind !== undefined) throw usage(`Unexpected argument "${arg}": only one KIND can be given (already "${kind}").`);
      if (!isKindName(arg)) throw usage(`Unknown kind "${arg}": use ${KIND_NAMES.join(', ')}.`);
      kind = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const boolKey = BOOL_FLAGS[name];
    if (boolKey) {
      if (inline !== undefined) throw usage(`${name} takes no value (got "${inline}").`);
      bools.add(boolKey);
      continue;
    }
    const valueKey = VALUE_FLAGS[name];
    if (!valueKey) throw usage(`Unknown flag ${name}.`);
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      // A following flag is a forgotten value, not a value: `--table --yes`.
      if (next === undefined || next.startsWith('-')) throw usage(`${name} needs a value.`);
      value = next;
      i++;
    }
    if (value === '') throw usage(`${name} needs a value.`);
    const problem = VALIDATORS[valueKey]?.(value);
    if (problem) throw new UsageError(problem, `Check ${name}.`);
    values[valueKey] = value;
  }

  if (command === 'verify') {
    for (const flag of ['plan', 'yes', 'generateIam', 'verify', 'local', 'noDeletionProtection'] as const) {
      if (bools.has(flag)) throw usage(`verify runs Sentinel's access patterns on an existing table; it takes no --${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.`);
    }
  }
  if (bools.has('verify') && (bools.has('plan') || bools.has('generateIam'))) throw usage('--verify runs after a change is applied: it cannot go with --plan or --generate-iam.');
  if (bools.has('detailedExitcode') && !bools.has('plan')) throw usage('--detailed-exitcode goes with --plan (exit 0 nothing to do, 2 changes pending, 1 error).');

  return {
    command,
    verify: bools.has('verify'),
    detailedExitcode: bools.has('detailedExitcode'),
    allowUnknownRegion: bools.has('allowUnknownRegion'),
    timeoutMs: values.timeout === undefined ? undefined : parseDuration(values.timeout),
    kind: kind ?? 'sessions',
    kindGiven: kind !== undefined,
    table: values.table,
    region: values.region,
    profile: values.profile,
    profileSource: values.profile !== undefined ? '--aws-profile' : undefined,
    plan: bools.has('plan'),
    yes: bools.has('yes'),
    generateIam: bools.has('generateIam'),
    accountId: values.accountId,
    mfaCode: values.mfaCode,
    json: bools.has('json'),
    endpointUrl: values.endpointUrl,
    deletionProtection: !bools.has('noDeletionProtection'),
    local: bools.has('local'),
    help: bools.has('help'),
    version: bools.has('version'),
  };
}

/** The --help text; every line fits in 80 columns. */
export function helpText(version: string): string {
  // The first clause of each description keeps the line inside 80 columns.
  const purpose = (k: KindName) => KINDS[k].description.split(' (')[0];
  const kinds = KIND_NAMES.map((k) => `  ${k.padEnd(12)}${KINDS[k].defaultTable.padEnd(21)}${purpose(k)}`);
  return `sentinel-init ${version}: create or update Sentinel's DynamoDB tables

Usage: sentinel-init [KIND] [flags]
       sentinel-init verify [KIND] [flags]   run Sentinel's own reads and writes
                                             on the table (probe items, removed)

Kinds (default table, purpose):
${kinds.join('\n')}
  Default kind: sessions.

Flags:
  --table NAME            table name (default: per kind, above)
  --region REGION         region; else AWS_REGION, AWS_DEFAULT_REGION, profile
  --allow-unknown-region  accept a region newer than this tool's AWS SDK
  --aws-profile NAME      profile (alias --profile); else AWS_PROFILE
  --plan                  show what would change; change nothing
  -y, --yes               apply without asking
  --generate-iam          print the IAM policy JSON and exit (offline)
  --account-id ID         12-digit account for the policy ARNs (default *)
  --mfa-code CODE         MFA code for a profile whose role needs one
  --json                  one JSON document on stdout; human text on stderr
  --endpoint-url URL      DynamoDB endpoint, e.g. DynamoDB Local
                          (or AWS_ENDPOINT_URL_DYNAMODB)
  --timeout DURATION      give up waiting after this long, e.g. 45m (default
                          30m, 60m when indexes change); a rerun resumes
  --detailed-exitcode     with --plan: exit 0 up to date, 2 changes pending
  --no-deletion-protection  do not turn on deletion protection
  --verify                after applying, run Sentinel's access patterns
  --local                 demo: run against an embedded DynamoDB Local
  -h, --help              show this help
  -V, --version           show the version

Modes:
  In a terminal with none of --yes, --plan, --generate-iam, --json: a wizard
  asks for what is missing. Otherwise it never prompts; a change without
  --yes is refused and nothing is created.

Exit codes:
  0 done, plan shown, policy printed or declined; 1 AWS or operation failure;
  2 usage or invalid input; 130 interrupted

Examples:
  sentinel-init                                   # wizard
  sentinel-init sessions --region eu-west-1 --plan
  sentinel-init approvals --aws-profile ops --region eu-west-1 --yes --json
  sentinel-init breakglass --generate-iam --account-id 123456789012
  sentinel-init ratelimit --region eu-west-1 --yes
  sentinel-init verify sessions --region eu-west-1
  sentinel-init --local                           # demo, no AWS account
`;
}
