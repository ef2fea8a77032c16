/**
 * `verify` as a service both faces call: the table must exist; Sentinel's access patterns run on it
 * (src/verify/); failures to reach AWS end the run with the usual sentence, while a pattern that
 * fails is a result, reported per line.
 */
import { CredentialResolutionError } from '../aws/credential-errors.js';
import { isUnreachable } from '../aws/dynamo-errors.js';
import { AwsFailure, CliError, Interrupted, Unexpected, UsageError } from '../core/errors.js';
import { aKind, KINDS, type KindName } from '../core/kinds.js';
import { describe } from '../engine/describe.js';
import { lookalikeKind } from '../engine/lookalike.js';
import type { ActualTable } from '../engine/types.js';
import { CLEANUP_METHOD } from '../verify/patterns.js';
import { verifyTable } from '../verify/run.js';
import { findProbes, removeProbes } from '../verify/probes.js';
import { ProbesAfterError, type CheckResult, type VerifyReport } from '../verify/types.js';
import { probesSentence, verifySummary } from '../verify/format.js';
import { generateIamCommand, headlessCommand, verifyCleanCommand } from './command-line.js';
import { isAbort, toCliError, type Connection, type RunContext } from './workflow.js';

/** Errors that say nothing about the table: the run cannot go on. */
const FATAL_NAMES = new Set(['UnrecognizedClientException', 'InvalidSignatureException', 'ExpiredTokenException', 'ResourceNotFoundException']);
const isFatal = (error: unknown) => error instanceof CredentialResolutionError || isUnreachable(error) || FATAL_NAMES.has((error as Error)?.name);

export interface VerifyRunOptions {
  signal?: AbortSignal;
  onResult?: (result: CheckResult) => void;
  /** What a stop this instant would leave (probe items and the command that removes them); undefined: nothing. */
  onLeaving?: (sentence: string | undefined) => void;
}

/** The command that removes probe items from the table, on the run's own target. */
const cleanCommandOf = (ctx: RunContext, conn: Connection) => verifyCleanCommand({ ...ctx, profile: conn.target.profile ?? ctx.profile, endpointUrl: conn.target.endpointUrl ?? ctx.endpointUrl });

/** The table must exist: else a sentence saying so (nothing to verify or clean). */
async function mustExist(ctx: RunContext, conn: Connection, signal?: AbortSignal): Promise<ActualTable> {
  const actual = await describe(conn.dynamo, ctx.table, signal);
  if (!actual) {
    throw new AwsFailure(`Table ${ctx.table} does not exist in ${ctx.region}: there is nothing to verify.`, `Create it first: ${headlessCommand(ctx)}`);
  }
  return actual;
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
  const cleanCommand = cleanCommandOf(ctx, conn);
  try {
    refuseOtherKind(ctx, await mustExist(ctx, conn, options.signal));
    operation = 'PutItem';
    return await verifyTable(ctx.kind, ctx.table, ctx.region, conn.dynamo, {
      signal: options.signal,
      isFatal,
      onResult: options.onResult,
      cleanCommand,
      onProbes: (ids) => options.onLeaving?.(ids.length > 0 ? probesSentence(`table ${ctx.table}`, ids, cleanCommand) : undefined),
    });
  } catch (error) {
    if (error instanceof ProbesAfterError) throw withProbes(toCliError(error.error, ctx, operation), error);
    if (isAbort(error, options.signal)) throw error instanceof Interrupted ? error : new Interrupted(`Stopped before verifying table ${ctx.table}: no probe item was written.`);
    throw toCliError(error, ctx, operation);
  }
}

/** The sentence of the error that ended the run, with what became of the probe items after it. */
function withProbes(cli: unknown, stopped: ProbesAfterError): CliError {
  if (!(cli instanceof CliError)) return new Unexpected(stopped.error, stopped.probes);
  return new CliError(`${cli.message} ${stopped.probes}`, cli.exitCode, cli.hint, { cause: stopped.error });
}

/** The report of `verify KIND --clean`: the probe items of earlier runs removed, and any left. */
export interface CleanReport {
  kind: KindName;
  table: string;
  region: string;
  removed: string[];
  left: string[];
}

/** `verify KIND --clean`: finds every probe item of earlier runs in the table (a Scan on their prefix) and removes them. */
export async function cleanProbes(ctx: RunContext, conn: Connection, signal?: AbortSignal): Promise<CleanReport> {
  let operation = 'DescribeTable';
  try {
    await mustExist(ctx, conn, signal);
    operation = 'Scan';
    const found = await findProbes(conn.dynamo, ctx.table, ctx.kind, signal);
    operation = 'DeleteItem';
    const removals = await removeProbes(conn.dynamo, ctx.table, ctx.kind, found, signal);
    const left = removals.filter((r) => r.outcome === 'left');
    const report = { kind: ctx.kind, table: ctx.table, region: ctx.region, removed: removals.filter((r) => r.outcome === 'deleted').map((r) => r.id), left: left.map((r) => r.id) };
    if (signal?.aborted) throw new Interrupted(`Stopped while removing probe items from table ${ctx.table}. ${probesSentence('it', report.left, cleanCommandOf(ctx, conn))}`);
    const failed = left[0];
    if (failed && failed.outcome === 'left') throw withProbes(toCliError(failed.error, ctx, operation), new ProbesAfterError(failed.error, probesSentence(`table ${ctx.table}`, report.left, cleanCommandOf(ctx, conn))));
    return report;
  } catch (error) {
    if (error instanceof CliError) throw error;
    if (isAbort(error, signal)) throw new Interrupted(`Stopped before removing any probe item from table ${ctx.table}.`);
    throw toCliError(error, ctx, operation);
  }
}

/** The sentence a failed verify ends with (exit 1), with the likeliest fix; `ctx` is the run that verified (its commands go there too). */
export function verifyFailure(report: VerifyReport, ctx: RunContext): AwsFailure {
  const fails = report.checks.filter((c) => c.outcome === 'fail');
  const denied = report.checks.some((c) => c.outcome === 'denied');
  const target = { ...ctx, kind: report.kind, table: report.table, region: report.region };
  let hint = `Run \`${headlessCommand(target, ['--plan'])}\` to see what the table lacks.`;
  const patternsFailed = report.checks.some((c) => c.outcome !== 'pass' && c.method !== CLEANUP_METHOD[report.kind]);
  if (fails.some((c) => /IndexName: gsi-device-id/.test(c.detail ?? ''))) {
    hint = `The table has gsi-device-id, which rejects Sentinel's sessions without a device: run \`${headlessCommand(target)}\` to remove it, then verify again.`;
  } else if (denied && fails.length === 0) {
    // verify is sentinel-init's: its calls (DescribeTable, the patterns, the probes' DeleteItem) are all in the provisioning policy.
    const command = generateIamCommand({ ...target, policy: 'provisioning', accountId: ctx.accountId });
    hint = `verify runs as whoever runs sentinel-init: give that principal the provisioning policy of \`${command}\`, which holds DescribeTable and every call verify makes.`;
  } else if (!patternsFailed) {
    hint = 'Every pattern worked; only removing the probe items did not.';
  }
  return new AwsFailure(`Sentinel's access patterns do not all work on table ${report.table}: ${verifySummary(report)}`, hint);
}

// One chunk for main's modules (src/cli/program-modules.ts).
export { programModules } from '../cli/program-modules.js';
