/**
 * `verify` as a service both faces call: the table must exist; Sentinel's access patterns run on it
 * (src/verify/); failures to reach AWS end the run with the usual sentence, while a pattern that
 * fails is a result, reported per line.
 */
import { CredentialResolutionError } from '../aws/credential-errors.js';
import { isUnreachable } from '../aws/dynamo-errors.js';
import { AwsFailure, UsageError } from '../core/errors.js';
import { aKind, KINDS } from '../core/kinds.js';
import { describe } from '../engine/describe.js';
import { lookalikeKind } from '../engine/lookalike.js';
import type { ActualTable } from '../engine/types.js';
import { verifyTable } from '../verify/run.js';
import type { CheckResult, VerifyReport } from '../verify/types.js';
import { verifySummary } from '../verify/format.js';
import { generateIamCommand } from './command-line.js';
import { isAbort, toCliError, type Connection, type RunContext } from './workflow.js';

/** Errors that say nothing about the table: the run cannot go on. */
const FATAL_NAMES = new Set(['UnrecognizedClientException', 'InvalidSignatureException', 'ExpiredTokenException', 'ResourceNotFoundException']);
const isFatal = (error: unknown) => error instanceof CredentialResolutionError || isUnreachable(error) || FATAL_NAMES.has((error as Error)?.name);

export interface VerifyRunOptions {
  signal?: AbortSignal;
  onResult?: (result: CheckResult) => void;
}

/** A table whose indexes are another kind's would get this kind's probe items: refused before any is written. */
function refuseOtherKind(ctx: RunContext, actual: Pick<ActualTable, 'indexes'>): void {
  const other = lookalikeKind({ kind: ctx.kind, partitionKey: KINDS[ctx.kind].partitionKey }, actual);
  if (!other) return;
  throw new UsageError(
    `Table ${ctx.table} looks like ${aKind(other)} table, not ${aKind(ctx.kind)} table: verify ${ctx.kind} would write ${ctx.kind} probe items into it. Nothing was written.`,
    `Run verify ${other} on it, or name ${aKind(ctx.kind)} table with --table.`,
  );
}

/** Runs verify on an existing table; throws a CliError when it cannot run at all. */
export async function runVerify(ctx: RunContext, conn: Connection, options: VerifyRunOptions = {}): Promise<VerifyReport> {
  let operation = 'DescribeTable';
  try {
    const actual = await describe(conn.dynamo, ctx.table, options.signal);
    if (!actual) {
      throw new AwsFailure(`Table ${ctx.table} does not exist in ${ctx.region}: there is nothing to verify.`, `Create it first: sentinel-init ${ctx.kind} --table ${ctx.table} --region ${ctx.region} --yes`);
    }
    refuseOtherKind(ctx, actual);
    operation = 'PutItem';
    return await verifyTable(ctx.kind, ctx.table, ctx.region, conn.dynamo, { signal: options.signal, isFatal, onResult: options.onResult });
  } catch (error) {
    if (isAbort(error, options.signal)) throw error;
    throw toCliError(error, ctx, operation);
  }
}

/** The sentence a failed verify ends with (exit 1), with the likeliest fix. */
export function verifyFailure(report: VerifyReport): AwsFailure {
  const fails = report.checks.filter((c) => c.outcome === 'fail');
  const denied = report.checks.some((c) => c.outcome === 'denied');
  const where = `--table ${report.table} --region ${report.region}`;
  let hint = `Run \`sentinel-init ${report.kind} ${where} --plan\` to see what the table lacks.`;
  if (fails.some((c) => /IndexName: gsi-device-id/.test(c.detail ?? ''))) {
    hint = `The table has gsi-device-id, which rejects Sentinel's sessions without a device: run \`sentinel-init sessions ${where} --yes\` to remove it, then verify again.`;
  } else if (denied && fails.length === 0) {
    // verify is sentinel-init's: its calls (DescribeTable, the patterns, the probes' DeleteItem) are all in the provisioning policy.
    const command = generateIamCommand({ kind: report.kind, policy: 'provisioning', table: report.table, region: report.region });
    hint = `verify runs as whoever runs sentinel-init: give that principal the provisioning policy of \`${command}\`, which holds DescribeTable and every call verify makes.`;
  }
  return new AwsFailure(`Sentinel's access patterns do not all work on table ${report.table}: ${verifySummary(report)}`, hint);
}
