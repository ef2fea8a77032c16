/**
 * Flags -> Options, in one place (the help text is in help.ts). Pure and light: the entry point answers
 * --help and --version with nothing else loaded.
 */
import { parseDuration, validateDuration } from '../core/duration.js';
import { UsageError } from '../core/errors.js';
import { printedCommand } from '../core/shell.js';
import { isKindName, KIND_NAMES, KINDS, type KindChoice } from '../core/kinds.js';
import { IAC_OUTPUTS, isIacOutput, type IacOutput } from '../core/iac-output.js';
import { isPolicyAudience, POLICY_AUDIENCES, type PolicyAudience } from '../core/policy-audience.js';
import { validateFunctionRef } from '../core/function-ref.js';
import { validateKmsKey } from '../core/kms-key.js';
import { MAX_TAGS, parseTag, toolTags, withTag, type Tag } from '../core/tags.js';
import type { Options } from '../service/options.js';
import { SUBCOMMANDS, unknownFlag, unknownOutput, unknownWord } from './conventions.js';
import { BOOL_FLAGS, FLAG_NAMES, VALUE_FLAGS, type BoolKey, type ValueKey } from './flags.js';
import { validateAccountId, validateEndpointUrl, validateMfaCode, validateRegion, validateTableName } from '../core/validate.js';

const VALIDATORS: Partial<Record<ValueKey, (v: string) => string | undefined>> = {
  table: validateTableName,
  region: validateRegion,
  accountId: validateAccountId,
  endpointUrl: validateEndpointUrl,
  mfaCode: validateMfaCode,
  timeout: validateDuration,
  kmsKey: validateKmsKey,
  function: validateFunctionRef,
  output: (v) => (isIacOutput(v) ? undefined : unknownOutput(v)),
  outputFile: (v) => (v === '-' ? '--output-file - is not a file: leave --output-file out and the code goes to standard output.' : undefined),
};

/** A following argument that is a flag is a forgotten value (`--table --yes`); `-5m` or `-` is a value. */
const isFlag = (arg: string) => arg.startsWith('--') || arg in BOOL_FLAGS || arg in VALUE_FLAGS;

function usage(message: string): UsageError {
  return new UsageError(message, `Run ${printedCommand('sentinel-init', ['--help'])} for usage.`);
}

const ALL_FLAGS = [...FLAG_NAMES.values, ...FLAG_NAMES.switches];

/** The flag of an option key: noPitr -> --no-pitr. */
const flagOf = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * Whether argv asks for --detailed-exitcode, read before parsing (which may fail first, on an
 * earlier flag): with it, 2 means "changes pending", so every error must exit 1. An argument after
 * `--` is not a flag.
 */
export function asksDetailedExitcode(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--detailed-exitcode');
}

/** Parses argv (without node and the script) into Options. Throws UsageError (exit 2) on bad input. */
export function parseArgs(argv: readonly string[]): Options {
  const values: Partial<Record<ValueKey, string>> = {};
  let tags: Tag[] = [];
  const bools = new Set<BoolKey>();
  let kind: KindChoice | undefined;
  let command: Options['command'] = 'provision';
  let onlyPositionals = false;
  let iamPolicy: PolicyAudience | undefined;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!onlyPositionals && arg === '--') {
      onlyPositionals = true;
      continue;
    }
    if (onlyPositionals || !arg.startsWith('-') || arg === '-') {
      // `verify` comes first, like a git subcommand: `sentinel-init verify sessions`.
      if ((arg === 'verify' || arg === 'doctor') && kind === undefined && command === 'provision' && !onlyPositionals) {
        command = arg;
        continue;
      }
      if (command === 'doctor') throw usage(`doctor checks a deployed function, named with --function; it takes no KIND (got "${arg}").`);
      if (kind !== undefined) throw usage(`Unexpected argument "${arg}": only one KIND can be given (already "${kind}").`);
      if ((SUBCOMMANDS as readonly string[]).includes(arg) && !onlyPositionals) throw usage(`${arg} comes first: ${printedCommand('sentinel-init', [arg])} ...`);
      if (!isKindName(arg) && arg !== 'all') {
        const near = unknownWord(arg, kind === undefined && command === 'provision');
        if (near) throw new UsageError(near);
        throw usage(`Unknown kind "${arg}": use ${KIND_NAMES.join(', ')} or all.`);
      }
      kind = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    if (name === '--generate-iam') {
      // An optional value: which policy alone. Only those two words are taken, so `--generate-iam sessions` still names a KIND.
      const next = argv[i + 1];
      const which = inline ?? (next !== undefined && isPolicyAudience(next) ? (i++, next) : undefined);
      if (which !== undefined && !isPolicyAudience(which)) throw usage(`Unknown policy "${which}" for --generate-iam: use ${POLICY_AUDIENCES.join(' or ')}, or nothing for both.`);
      bools.add('generateIam');
      if (which !== undefined && iamPolicy !== undefined) throw usage(`--generate-iam was given twice ("${iamPolicy}", then "${which}"): give it once.`);
      iamPolicy = which ?? iamPolicy;
      continue;
    }
    const boolKey = BOOL_FLAGS[name];
    if (boolKey) {
      if (inline !== undefined) throw usage(`${name} takes no value (got "${inline}").`);
      bools.add(boolKey);
      continue;
    }
    const valueKey = VALUE_FLAGS[name];
    if (!valueKey) {
      const near = unknownFlag(name, ALL_FLAGS);
      throw near ? new UsageError(near) : usage(`Unknown flag ${name}.`);
    }
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
    const problem = VALIDATORS[valueKey]?.(value);
    if (problem) throw new UsageError(problem, `Check ${name}.`);
    // One value each (--tag alone adds up): a second would silently win over the first.
    if (values[valueKey] !== undefined) throw usage(`${name} was given twice ("${values[valueKey]}", then "${value}"): give it once.`);
    values[valueKey] = value;
  }

  if (bools.has('plan') && bools.has('yes')) throw usage('--plan changes nothing and --yes applies: give one of them.');
  if (command === 'verify') {
    const flags = [...(['plan', 'yes', 'generateIam', 'verify', 'local', 'noDeletionProtection', 'noPitr', 'force', 'allowKindChange'] as const).filter((f) => bools.has(f)), ...(['tag', 'kmsKey', 'output', 'outputFile'] as const).filter((f) => values[f] !== undefined)];
    const first = flags[0];
    if (first) throw usage(`verify runs Sentinel's access patterns on an existing table; it takes no ${flagOf(first)}.`);
  }
  if (bools.has('clean') && command !== 'verify') throw usage('--clean goes with verify: `sentinel-init verify KIND --clean` removes the probe items earlier verify runs left in the table.');
  if (command === 'doctor') {
    // Read-only and about a function: only where to look and how to answer.
    const allowed = new Set<string>(['noInput', 'region', 'profile', 'mfaCode', 'endpointUrl', 'function', 'json', 'allowUnknownRegion', 'help', 'version', 'debug']);
    const given = [...bools, ...(Object.keys(values) as ValueKey[])].find((f) => !allowed.has(f));
    if (given) throw usage(`doctor only reads a deployed function and its tables; it takes no ${flagOf(given)}.`);
    if (values.function === undefined && !bools.has('help') && !bools.has('version')) throw usage('doctor needs --function NAME|ARN: the deployed Lambda TVM to check.');
  } else if (values.function !== undefined) throw usage('--function names the Lambda TVM for `sentinel-init doctor`: sentinel-init doctor --function NAME|ARN.');
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
    ...(bools.has('clean') && { clean: true }),
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
    ...(iamPolicy && { iamPolicy }),
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
    ...(values.function !== undefined && { functionRef: values.function }),
    ...(bools.has('force') && { force: true }),
    ...(bools.has('allowKindChange') && { allowKindChange: true }),
    ...(bools.has('debug') && { debug: true }),
    local: bools.has('local'),
    ...(bools.has('noInput') && { noInput: true }),
    help: bools.has('help'),
    // `verify --help`, `sessions --help`: that command's or that kind's help.
    ...(bools.has('help') && (command !== 'provision' || kind !== undefined) && { helpTopic: command !== 'provision' ? command : kind }),
    version: bools.has('version'),
  };
}

export { helpText } from './help.js';

