/**
 * Flags -> Options, in one place (the help text is in help.ts). Pure and light: the entry point answers
 * --help and --version with nothing else loaded.
 */
import { parseDuration, validateDuration } from '../core/duration.js';
import { UsageError } from '../core/errors.js';
import { isKindName, KIND_NAMES, KINDS, type KindChoice } from '../core/kinds.js';
import { IAC_OUTPUTS, isIacOutput, type IacOutput } from '../core/iac-output.js';
import { validateKmsKey } from '../core/kms-key.js';
import { MAX_TAGS, parseTag, toolTags, withTag, type Tag } from '../core/tags.js';
import type { Options } from '../service/options.js';
import { validateAccountId, validateEndpointUrl, validateMfaCode, validateRegion, validateTableName } from '../core/validate.js';

type ValueKey = 'table' | 'region' | 'profile' | 'accountId' | 'mfaCode' | 'endpointUrl' | 'timeout' | 'kmsKey' | 'tag' | 'output' | 'outputFile';
type BoolKey = 'plan' | 'yes' | 'generateIam' | 'json' | 'local' | 'help' | 'version' | 'noDeletionProtection' | 'noPitr' | 'verify' | 'detailedExitcode' | 'allowUnknownRegion' | 'force';

const VALUE_FLAGS: Record<string, ValueKey> = {
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
};

const BOOL_FLAGS: Record<string, BoolKey> = {
  '--plan': 'plan',
  '--yes': 'yes',
  '-y': 'yes',
  '--generate-iam': 'generateIam',
  '--json': 'json',
  '--no-deletion-protection': 'noDeletionProtection',
  '--no-pitr': 'noPitr',
  '--verify': 'verify',
  '--detailed-exitcode': 'detailedExitcode',
  '--allow-unknown-region': 'allowUnknownRegion',
  '--force': 'force',
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
  kmsKey: validateKmsKey,
  output: (v) => (isIacOutput(v) ? undefined : `Unknown output "${v}": use ${IAC_OUTPUTS.join(', ')}.`),
  outputFile: (v) => (v === '-' ? '--output-file - is not a file: leave --output-file out and the code goes to standard output.' : undefined),
};

/** Flags whose second use would silently replace the first (a file to write, a format): refused. */
const ONCE: readonly ValueKey[] = ['output', 'outputFile'];

/** A following argument that is a flag is a forgotten value (`--table --yes`); `-5m` or `-` is a value. */
const isFlag = (arg: string) => arg.startsWith('--') || arg in BOOL_FLAGS || arg in VALUE_FLAGS;

const HELP_HINT = 'Run sentinel-init --help for usage.';

function usage(message: string): UsageError {
  return new UsageError(message, HELP_HINT);
}

/** The flag of an option key: noPitr -> --no-pitr. */
const flagOf = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** Parses argv (without node and the script) into Options. Throws UsageError (exit 2) on bad input. */
export function parseArgs(argv: readonly string[]): Options {
  const values: Partial<Record<ValueKey, string>> = {};
  let tags: Tag[] = [];
  const bools = new Set<BoolKey>();
  let kind: KindChoice | undefined;
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
      if (!isKindName(arg) && arg !== 'all') throw usage(`Unknown kind "${arg}": use ${KIND_NAMES.join(', ')} or all.`);
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
      if (next === undefined || isFlag(next)) throw usage(`${name} needs a value.`);
      value = next;
      i++;
    }
    if (value === '') throw usage(`${name} needs a value.`);
    if (valueKey === 'tag') {
      const tag = parseTag(value);
      if (typeof tag === 'string') throw new UsageError(tag, 'Check --tag.');
      tags = withTag(tags, tag);
      values.tag = value;
      continue;
    }
    const before = values[valueKey];
    if (before !== undefined && ONCE.includes(valueKey)) throw usage(`${name} is given twice ("${before}", then "${value}"): give it once.`);
    const problem = VALIDATORS[valueKey]?.(value);
    if (problem) throw new UsageError(problem, `Check ${name}.`);
    values[valueKey] = value;
  }

  if (command === 'verify') {
    const flags = [...(['plan', 'yes', 'generateIam', 'verify', 'local', 'noDeletionProtection', 'noPitr', 'force'] as const).filter((f) => bools.has(f)), ...(['tag', 'kmsKey', 'output', 'outputFile'] as const).filter((f) => values[f] !== undefined)];
    const first = flags[0];
    if (first) throw usage(`verify runs Sentinel's access patterns on an existing table; it takes no ${flagOf(first)}.`);
  }
  if (kind === 'all' && values.table !== undefined) {
    throw usage(`all sets up each of Sentinel's tables under its default name (${KIND_NAMES.map((k) => KINDS[k].defaultTable).join(', ')}); --table names one table: give its KIND with it.`);
  }
  if (values.output !== undefined) {
    // --output prints code, not a plan, a result or JSON, and never changes anything.
    const clash = (['yes', 'plan', 'json', 'generateIam', 'verify', 'detailedExitcode', 'local'] as const).find((f) => bools.has(f));
    if (clash) throw usage(`--output prints code and changes nothing: it cannot go with ${flagOf(clash)}.`);
  }
  if (values.outputFile !== undefined && values.output === undefined) throw usage(`--output-file goes with --output (${IAC_OUTPUTS.join(', ')}).`);
  if (bools.has('force') && values.outputFile === undefined) throw usage('--force lets --output-file replace a file: it goes with --output-file.');
  if (tags.length + toolTags('sessions').length > MAX_TAGS) {
    throw new UsageError(`${tags.length} --tag flags and the tool's 2 tags make more than the ${MAX_TAGS} tags DynamoDB allows on a table.`, `Pass at most ${MAX_TAGS - 2} --tag flags.`);
  }
  // The demo's fake keys must never reach a real KMS endpoint, and DynamoDB Local has no KMS.
  if (bools.has('local') && values.kmsKey !== undefined) throw usage('--kms-key needs a real KMS key; the local demo (--local) has none: leave it out.');
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
    pitr: !bools.has('noPitr'),
    tags,
    kmsKey: values.kmsKey,
    ...(values.output !== undefined && { output: values.output as IacOutput }),
    ...(values.outputFile !== undefined && { outputFile: values.outputFile }),
    ...(bools.has('force') && { force: true }),
    local: bools.has('local'),
    help: bools.has('help'),
    version: bools.has('version'),
  };
}

export { helpText } from './help.js';
