/**
 * `verify` as a service both faces call: the table must exist; Sentinel's access patterns run on it
 * (src/verify/); failures to reach AWS end the run with the usual sentence, while a pattern that
 * fails is a result, reported per line.
 */
import { CredentialResolutionError } from '../aws/credential-errors.js';
import { isUnreachable } from '../aws/dynamo-errors.js';
import { AwsFailure } from '../core/errors.js';
import { describe } from '../engine/describe.js';
import { OPERATION_ACTIONS } from '../policy/iam.js';
import { verifyTable } from '../verify/run.js';
import type { CheckResult, VerifyReport } from '../verify/types.js';
import { verifySummary } from '../verify/format.js';
import { generateIamCommand, headlessCommand } from './command-line.js';
import { isAbort, toCliError, type Connection, type RunContext } from './workflow.js';

/** Errors that say nothing about the table: the run cannot go on. */
const FATAL_NAMES = new Set(['UnrecognizedClientException', 'InvalidSignatureException', 'ExpiredTokenException', 'ResourceNotFoundException']);
const isFatal = (error: unknown) => error instanceof CredentialResolutionError || isUnreachable(error) || FATAL_NAMES.has((error as Error)?.name);

export interface VerifyRunOptions {
  signal?: AbortSignal;
  onResult?: (result: CheckResult) => void;
}

/** Runs verify on an existing table; throws a CliError when it cannot run at all. */
export async function runVerify(ctx: RunContext, conn: Connection, options: VerifyRunOptions = {}): Promise<VerifyReport> {
  let operation = 'DescribeTable';
  try {
    const actual = await describe(conn.dynamo, ctx.table, options.signal);
    if (!actual) {
      throw new AwsFailure(`Table ${ctx.table} does not exist in ${ctx.region}: there is nothing to verify.`, `Create it first: ${headlessCommand(ctx)}`);
    }
    operation = 'PutItem';
    return await verifyTable(ctx.kind, ctx.table, ctx.region, conn.dynamo, { signal: options.signal, isFatal, onResult: options.onResult });
  } catch (error) {
    if (isAbort(error, options.signal)) throw error;
    throw toCliError(error, ctx, operation);
  }
}

/** The sentence a failed verify ends with (exit 1), with the likeliest fix; `ctx` is the run that verified (its commands go there too). */
export function verifyFailure(report: VerifyReport, ctx: RunContext): AwsFailure {
  const fails = report.checks.filter((c) => c.outcome === 'fail');
  const denied = report.checks.some((c) => c.outcome === 'denied');
  const target = { ...ctx, kind: report.kind, table: report.table, region: report.region };
  let hint = `Run \`${headlessCommand(target, ['--plan'])}\` to see what the table lacks.`;
  if (fails.some((c) => /IndexName: gsi-device-id/.test(c.detail ?? ''))) {
    hint = `The table has gsi-device-id, which rejects Sentinel's sessions without a device: run \`${headlessCommand(target)}\` to remove it, then verify again.`;
  } else if (denied && fails.length === 0) {
    // The limiter never deletes, so the DeleteItem of verify's own cleanup is not in its statement.
    const granted: readonly string[] = OPERATION_ACTIONS[report.kind];
    const extra = [...new Set(report.checks.filter((c) => c.outcome === 'denied').map((c) => `dynamodb:${c.action}`))].filter((a) => !granted.includes(a));
    const plus = extra.length > 0 ? `, plus ${extra.join(', ')} to remove its probe items` : '';
    hint = `verify calls what Sentinel calls: run it as a principal with the Operations statement of \`${generateIamCommand({ ...target, accountId: ctx.accountId })}\`${plus}.`;
  }
  return new AwsFailure(`Sentinel's access patterns do not all work on table ${report.table}: ${verifySummary(report)}`, hint);
}
