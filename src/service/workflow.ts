/**
 * The service both faces call: resolve the answers, connect, check (identity + live plan), apply.
 * Knows nothing of flags or screens.
 */
import { credentialErrorToCli } from '../aws/credential-errors.js';
import { credentialProvider } from '../aws/credentials.js';
import { createDynamoApi } from '../aws/dynamo.js';
import { callLimits } from '../aws/http.js';
import { createKmsApi, kmsEndpoint } from '../aws/kms.js';
import { dynamoErrorToCli } from '../aws/dynamo-errors.js';
import { stsErrorToCli } from '../aws/sts-errors.js';
import { analyseProfile, emptySectionFile, readSharedConfig } from '../aws/profiles.js';
import { sharedFilesText } from '../aws/shared-files.js';
import type { AwsTarget, DynamoApi, ItemApi, KmsApi, MfaCodeProvider } from '../aws/types.js';
import * as engine from '../engine/index.js';
import type { ApplyOptions } from '../engine/index.js';
import type { ApplyResult, Plan } from '../engine/types.js';
import { CliError, Interrupted, UsageError } from '../core/errors.js';
import { keyForm } from '../core/kms-key.js';
import { generateIamCommand } from '../core/shell.js';
import { KINDS, type KindName } from '../core/kinds.js';
import { keyPlaceProblem } from '../core/kms-key.js';
import type { Tag } from '../core/tags.js';
import { kmsErrorToCli } from './kms-key.js';
import { initialTables, reduceTables, stopHow, stoppedSentence, tablesSentence, type TableEvent, type TableState } from './table-states.js';
import type { TableOptions } from './options.js';
import { validateAccountId, validateEndpointUrl, validateTableName } from '../core/validate.js';
import { checkRegion, noRegion, regionDefault } from './region.js';

/** Every answer a run needs, resolved and validated. */
export interface RunContext {
  kind: KindName;
  table: string;
  region: string;
  /** undefined: the default credential chain. */
  profile?: string;
  endpointUrl?: string;
  deletionProtection: boolean;
  accountId?: string;
  /** --timeout for apply; undefined: the engine's default for the plan. */
  timeoutMs?: number;
  /** Production defaults: point-in-time recovery (false: --no-pitr), the user's tags, --kms-key as given. */
  pitr?: boolean;
  tags?: readonly Tag[];
  kmsKey?: string;
  /** How the run was reached, for the commands it prints: the --local demo, an MFA code, an unknown region allowed. */
  local?: boolean;
  mfa?: boolean;
  allowUnknownRegion?: boolean;
}

async function unknownProfile(name: string, source: string, names: string[], env: NodeJS.ProcessEnv): Promise<UsageError> {
  const empty = await emptySectionFile(name);
  if (empty) {
    return new UsageError(`Profile "${name}" (from ${source}) is in ${empty} but holds no setting (an empty value such as \`region =\` counts as none), so AWS tools cannot use it.`, 'Give it its keys, role, SSO or region settings, or pass another --aws-profile.');
  }
  const listed = names.length === 0 ? 'No profiles are configured.' : `Known profiles: ${names.slice(0, 6).join(', ')}${names.length > 6 ? `, and ${names.length - 6} more` : ''}.`;
  const fix = source === 'AWS_PROFILE' ? 'Fix or unset AWS_PROFILE, or pass --aws-profile NAME.' : 'Check --aws-profile.';
  return new UsageError(`Profile "${name}" (from ${source}) is not in ${sharedFilesText(env)}.`, `${listed} ${fix}`);
}

/** Throws UsageError with the problem and where the value came from. */
function check1(problem: string | undefined, source: string, flag: string): void {
  if (!problem) return;
  const hint = source === flag ? `Check ${flag}.` : `It came from ${source}: fix or unset it, or pass ${flag}.`;
  throw new UsageError(problem, hint);
}

/**
 * Defaults and resolution: table per kind; region from --region, AWS_REGION, AWS_DEFAULT_REGION,
 * then the profile's region; profile from --aws-profile, then AWS_PROFILE. Validates every value.
 * Throws UsageError naming the flag to pass (e.g. no region anywhere -> "--region").
 */
export async function resolveContext(options: TableOptions, env: NodeJS.ProcessEnv = process.env): Promise<RunContext> {
  const table = options.table ?? KINDS[options.kind].defaultTable;
  check1(validateTableName(table), '--table', '--table');

  const envProfile = env.AWS_PROFILE || undefined;
  const profile = options.profile ?? envProfile;
  const profileSource = options.profile !== undefined ? (options.profileSource ?? '--aws-profile') : 'AWS_PROFILE';

  // The files are read only when they can change the answer: a named profile, or no region yet.
  let found: { name: string; region?: string } | undefined;
  if (profile !== undefined || !regionDefault(options.region, env)) {
    const config = await readSharedConfig();
    const wanted = profile ?? 'default';
    found = Object.hasOwn(config.profiles, wanted) ? analyseProfile(wanted, config) : undefined;
    if (profile !== undefined && !found) throw await unknownProfile(profile, profileSource, Object.keys(config.profiles).sort(), env);
  }
  const choice = regionDefault(options.region, env, found);
  if (!choice) throw noRegion();
  await checkRegion(choice, options.allowUnknownRegion);
  const region = choice.region;

  const endpointUrl = options.endpointUrl ?? (env.AWS_ENDPOINT_URL_DYNAMODB || undefined);
  if (endpointUrl !== undefined) {
    check1(validateEndpointUrl(endpointUrl), options.endpointUrl !== undefined ? '--endpoint-url' : 'AWS_ENDPOINT_URL_DYNAMODB', '--endpoint-url');
  }
  // The SDK reads these itself and fails deep inside with "Invalid URL": say which one is wrong first.
  for (const name of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL_KMS', 'AWS_ENDPOINT_URL_LAMBDA', 'AWS_ENDPOINT_URL_IAM'] as const) {
    const value = env[name];
    const problem = value ? validateEndpointUrl(value) : undefined;
    if (problem) throw new UsageError(problem, `It came from ${name}: fix or unset it.`);
  }
  if (options.accountId !== undefined) check1(validateAccountId(options.accountId), '--account-id', '--account-id');
  // AWS_MAX_ATTEMPTS refused here, before any call, rather than when the first client is made.
  callLimits(env);

  // Offline, before any call: a key ARN of another partition or region can never serve this table.
  const misplaced = options.kmsKey === undefined ? undefined : keyPlaceProblem(options.kmsKey, region);
  if (misplaced) throw new UsageError(misplaced, 'Pass a key of that region with --kms-key, or fix --region.');
  const defaults = { pitr: options.pitr, tags: options.tags, ...(options.kmsKey !== undefined && { kmsKey: options.kmsKey }) };
  const reached = { ...(options.local && { local: true }), ...(options.mfaCode !== undefined && { mfa: true }), ...(options.allowUnknownRegion && { allowUnknownRegion: true }) };
  return { kind: options.kind, table, region, profile, endpointUrl, deletionProtection: options.deletionProtection, accountId: options.accountId, timeoutMs: options.timeoutMs, ...defaults, ...reached };
}

export interface Connection {
  target: AwsTarget;
  dynamo: DynamoApi & ItemApi;
  /** Only with --kms-key: the one KMS call is DescribeKey. */
  kms?: KmsApi;
}

/** Builds credentials and the clients (nothing is called yet). */
export async function connect(ctx: RunContext, mfaCodeProvider?: MfaCodeProvider): Promise<Connection> {
  const credentials = await credentialProvider({ profile: ctx.profile, mfaCodeProvider, region: ctx.region });
  const target: AwsTarget = { region: ctx.region, profile: ctx.profile, endpointUrl: ctx.endpointUrl, credentials };
  return { target, dynamo: await createDynamoApi(target), ...(ctx.kmsKey !== undefined && { kms: await createKmsApi(target) }) };
}

/** True when the error is the run being aborted (Ctrl-C), which is not an AWS failure to explain. */
export function isAbort(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  const name = (error as { name?: string } | undefined)?.name;
  return name === 'AbortError';
}

/**
 * The one place errors are turned into sentences: typed errors pass through, then credential
 * problems, then DynamoDB problems; anything else stays as it is (a bug, reported as unexpected).
 */
export function toCliError(error: unknown, ctx: RunContext, operation: string): unknown {
  if (error instanceof CliError) return error;
  const credentials = credentialErrorToCli(error, ctx.profile);
  if (credentials) return credentials;
  // STS and KMS are services of their own with their own endpoints: never blame DynamoDB for them.
  if (operation === 'GetCallerIdentity') return stsErrorToCli(error, operation, ctx.region) ?? error;
  if (operation === 'DescribeKey') return kmsErrorToCli(error, ctx.kmsKey ?? '?', ctx.region, kmsEndpoint(ctx.region), kmsPolicyCommand(ctx)) ?? error;
  return dynamoErrorToCli(error, { operation, table: ctx.table, region: ctx.region, endpointUrl: ctx.endpointUrl, kind: ctx.kind }) ?? error;
}

/** The offline policy command for a run with --kms-key: an alias needs KMS to name its key, so the person puts the key's ARN in. */
function kmsPolicyCommand(ctx: RunContext): string {
  const given = ctx.kmsKey ?? '';
  const offline = keyForm(given) === 'key-arn' || keyForm(given) === 'key-id';
  return generateIamCommand({ kind: ctx.kind, policy: 'provisioning', region: ctx.region, table: ctx.table, accountId: ctx.accountId, pitr: ctx.pitr, kmsKey: offline ? given : 'KEY_ARN' });
}

export { check, checkTables, type CheckOptions, type CheckResult } from './check.js';

export interface ApplyRunOptions extends ApplyOptions {
  /** Each table's state (table-states.ts), after every change of it. */
  onTables?: (states: readonly TableState[]) => void;
}

/**
 * Several tables of one run (`all`), one after another; progress names the table. A failure stops the
 * run there, and its sentence says which tables are done, in progress and not started.
 */
export async function applyPlans(plans: readonly Plan[], conn: Connection, options: ApplyRunOptions = {}): Promise<ApplyResult[]> {
  const results: ApplyResult[] = [];
  const many = plans.length > 1;
  let states = initialTables(plans);
  const tell = (event: TableEvent) => options.onTables?.((states = reduceTables(states, event)));
  for (const p of plans) {
    const onProgress = (e: engine.ProgressEvent) => {
      tell({ type: 'progress', table: p.table, event: e });
      options.onProgress?.(many ? { ...e, id: `${p.table}:${e.id}`, ...(e.type === 'step' && { table: p.table }) } : e);
    };
    tell({ type: 'started', table: p.table });
    try {
      results.push(await applyPlan(p, conn, { ...options, onProgress }));
      tell({ type: 'finished', result: results.at(-1) as ApplyResult });
    } catch (error) {
      const stopped = isAbort(error, options.signal);
      tell({ type: 'stopped', table: p.table, message: error instanceof Error ? error.message : String(error), interrupted: stopped });
      if (!many || !(error instanceof CliError)) throw error;
      if (stopped) throw new Interrupted(stoppedSentence(stopHow(options.signal), states));
      throw new CliError(`${p.table}: ${error.message} ${tablesSentence(states)}`.trimEnd(), error.exitCode, error.hint, { cause: error });
    }
  }
  return results;
}

/** Applies a checked plan with progress. */
export async function applyPlan(p: Plan, conn: Connection, options: ApplyOptions = {}): Promise<ApplyResult> {
  try {
    return await engine.apply(p, conn.dynamo, { endpointUrl: conn.target.endpointUrl, ...options });
  } catch (error) {
    if (isAbort(error, options.signal)) throw error;
    const ctx: RunContext = {
      kind: p.kind,
      table: p.table,
      region: p.region,
      profile: conn.target.profile,
      endpointUrl: conn.target.endpointUrl,
      deletionProtection: p.desired.deletionProtection,
    };
    throw toCliError(error, ctx, p.action === 'create' ? 'CreateTable' : 'UpdateTable');
  }
}

// One chunk for main's modules (src/cli/program-modules.ts).
export { programModules } from '../cli/program-modules.js';
