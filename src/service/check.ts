/**
 * The check before any change: who the credentials are (STS), whether --kms-key names a key DynamoDB
 * can use (KMS DescribeKey), and the live table, compared into a plan.
 */
import { CredentialResolutionError } from '../aws/credential-errors.js';
import { getIdentity } from '../aws/identity.js';
import type { Identity } from '../aws/types.js';
import { describeError, UsageError } from '../core/errors.js';
import * as engine from '../engine/index.js';
import type { Plan } from '../engine/types.js';
import { resolveKmsKey } from './kms-key.js';
import { isAbort, toCliError, type Connection, type RunContext } from './workflow.js';

export interface CheckResult {
  /** undefined when STS is skipped (custom endpoint). */
  identity?: Identity;
  plan: Plan;
}

export interface CheckOptions {
  /**
   * --plan: when there are no credentials at all, or they may not read the table, return the offline
   * plan with `compared: false` and the reason, instead of failing. Anything else (network, timeout,
   * TLS, an expired session) still fails: a plan must not look compared when it could not be.
   */
  offlineOnFailure?: boolean;
}

/** The failures after which an offline plan is still honest: nothing to compare with, by choice or by policy. */
function cannotCompareOnPurpose(error: unknown): boolean {
  const cause = error instanceof CredentialResolutionError ? error.cause : error;
  const message = cause instanceof Error ? cause.message : '';
  if (/Could not load credentials from any providers/.test(message)) return true;
  return (error as { name?: string } | undefined)?.name === 'AccessDeniedException';
}

/** Several tables of one run (`all`): one identity check, then each table's plan, in order. */
export async function checkTables(ctxs: readonly RunContext[], conn: Connection, signal?: AbortSignal, options: CheckOptions = {}): Promise<{ identity?: Identity; plans: Plan[] }> {
  const plans: Plan[] = [];
  let identity: Identity | undefined;
  for (const [i, ctx] of ctxs.entries()) {
    const one = await check(ctx, conn, signal, { ...options, skipIdentity: i > 0 });
    identity ??= one.identity;
    plans.push(one.plan);
  }
  return { identity, plans };
}

/** Verifies credentials (STS unless skipped) and describes the real table into a plan. */
export async function check(ctx: RunContext, conn: Connection, signal?: AbortSignal, options: CheckOptions & { skipIdentity?: boolean } = {}): Promise<CheckResult> {
  const settings = (arn?: string) => ({ pitr: ctx.pitr, tags: ctx.tags, ...(ctx.kmsKey !== undefined && { kmsKey: { given: ctx.kmsKey, ...(arn && { arn }) } }) });
  let desired = engine.desiredTable(ctx.kind, ctx.table, ctx.deletionProtection, settings());
  let identity: Identity | undefined;
  let operation = 'GetCallerIdentity';
  let actual;
  let unsupported: engine.Feature[] = [];
  try {
    if (!options.skipIdentity) identity = await getIdentity(conn.target, signal);
    // A key DynamoDB cannot use is refused here, before the plan: nothing is created with it.
    if (ctx.kmsKey !== undefined && conn.kms) {
      operation = 'DescribeKey';
      desired = engine.desiredTable(ctx.kind, ctx.table, ctx.deletionProtection, settings(await resolveKmsKey(conn.kms, ctx.kmsKey, ctx.region, signal)));
    }
    operation = 'DescribeTable';
    // --plan and --output: a table DescribeTable found stays found when a later read is denied.
    actual = await engine.describe(conn.dynamo, ctx.table, signal, { noteDenied: options.offlineOnFailure });
    if (!actual) unsupported = await engine.unsupportedFeatures(conn.dynamo, ctx.table, signal);
  } catch (error) {
    if (isAbort(error, signal)) throw error;
    const mapped = toCliError(error, ctx, operation);
    // A missing answer (e.g. --mfa-code for a role that needs one) is not "could not compare":
    // it stops the run with exit 2 naming the flag, as every headless run lacking an answer does.
    if (!options.offlineOnFailure || mapped instanceof UsageError || !cannotCompareOnPurpose(error)) throw mapped;
    const offline = engine.plan(desired, undefined, ctx.region);
    return { plan: { ...offline, compared: false, reason: describeError(mapped).text } };
  }
  // An unconvergeable table throws here even for --plan: that is the answer, not a failure to read.
  return { identity, plan: engine.plan(desired, actual, ctx.region, unsupported) };
}

