/**
 * The service both faces call: resolve the answers, connect, check (identity + live plan), apply.
 * Knows nothing of flags or screens. CONTRACT STUBS — the headless work (issue 2) fills the bodies.
 */
import type { AwsTarget, DynamoApi, Identity, MfaCodeProvider } from './aws/types.js';
import type { ApplyOptions } from './engine/index.js';
import type { ApplyResult, Plan } from './engine/types.js';
import type { KindName } from './kinds.js';
import type { Options } from './options.js';

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
}

/**
 * Defaults and resolution: table per kind; region from --region, AWS_REGION, AWS_DEFAULT_REGION,
 * then the profile's region; profile from --aws-profile, then AWS_PROFILE. Validates every value.
 * Throws UsageError naming the flag to pass (e.g. no region anywhere -> "--region").
 */
export async function resolveContext(options: Options, env: NodeJS.ProcessEnv = process.env): Promise<RunContext> {
  throw new Error(`not implemented ${typeof options} ${typeof env}`);
}

export interface Connection {
  target: AwsTarget;
  dynamo: DynamoApi;
}

/** Builds credentials and the DynamoDB client (nothing is called yet). */
export async function connect(ctx: RunContext, mfaCodeProvider?: MfaCodeProvider): Promise<Connection> {
  throw new Error(`not implemented ${typeof ctx} ${typeof mfaCodeProvider}`);
}

export interface CheckResult {
  /** undefined when STS is skipped (custom endpoint). */
  identity?: Identity;
  plan: Plan;
}

/** Verifies credentials (STS unless skipped) and describes the real table into a plan. */
export async function check(ctx: RunContext, conn: Connection, signal?: AbortSignal): Promise<CheckResult> {
  throw new Error(`not implemented ${typeof ctx} ${typeof conn} ${typeof signal}`);
}

/** Applies a checked plan with progress. */
export async function applyPlan(p: Plan, conn: Connection, options: ApplyOptions = {}): Promise<ApplyResult> {
  throw new Error(`not implemented ${typeof p} ${typeof conn} ${typeof options}`);
}
