/**
 * The headless face: every answer comes from flags, nothing is ever asked. Results on stdout (one
 * JSON document with --json), everything for people on stderr. Never imports Ink or React.
 */
import { headlessMfaProvider } from '../aws/credentials.js';
import type { Identity } from '../aws/types.js';
import type { ApplyResult, Plan } from '../engine/types.js';
import { AwsFailure, Interrupted, UsageError } from '../core/errors.js';
import type { Options } from '../service/options.js';
import { getIdentity } from '../aws/identity.js';
import { applyPlan, check, connect, isAbort, resolveContext, toCliError, type CheckResult, type Connection, type RunContext } from '../service/workflow.js';
import { generateIam } from './generate-iam.js';
import { outputCode } from './output-code.js';
import type { HeadlessIo } from './io.js';
import { planDocument, planText, resultDocument, resultText } from './format.js';
import { progressPrinter } from './progress.js';
import { verifyExit, verifyHeadless } from './verify.js';

export type { HeadlessIo } from './io.js';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Who will make the change, said before any change (the account is the thing people get wrong). */
function whoLine(ctx: RunContext, identity: Identity | undefined): string {
  const profile = ctx.profile ? `profile ${ctx.profile}` : 'the default credentials';
  if (identity) return `Account ${identity.account} as ${identity.arn} (${profile}), region ${ctx.region}.\n`;
  return `Endpoint ${ctx.endpointUrl ?? 'default'} (${profile}), region ${ctx.region}; caller identity not checked (custom endpoint).\n`;
}

/** The check, with Ctrl-C before any change said as such. */
async function checkOrStop(ctx: RunContext, options: Options, io: HeadlessIo): Promise<CheckResult & { conn: Connection }> {
  try {
    const conn = await connect(ctx, headlessMfaProvider(options.mfaCode, ctx.profile));
    return { ...(await check(ctx, conn, io.signal, { offlineOnFailure: options.plan || options.output !== undefined })), conn };
  } catch (error) {
    if (io.signal?.aborted) throw new Interrupted('Interrupted before any change: nothing was created.');
    throw error;
  }
}

/** Prints the result; with --verify, runs Sentinel's access patterns on the table too (in the JSON as `verify`). */
async function finishWith(result: ApplyResult, ctx: RunContext, conn: Connection, options: Options, io: HeadlessIo): Promise<number> {
  if (!options.json) io.stdout.write(resultText(result));
  if (!options.verify) {
    if (options.json) io.stdout.write(json(resultDocument(result)));
    return 0;
  }
  const report = await verifyHeadless(ctx, conn, options, io);
  if (options.json) io.stdout.write(json({ ...resultDocument(result), verify: report }));
  return verifyExit(report);
}

/** `sentinel-init verify`: who, then the patterns. */
async function verifyOnly(ctx: RunContext, options: Options, io: HeadlessIo): Promise<number> {
  const conn = await connect(ctx, headlessMfaProvider(options.mfaCode, ctx.profile));
  let identity: Identity | undefined;
  try {
    identity = await getIdentity(conn.target, io.signal);
  } catch (error) {
    if (isAbort(error, io.signal)) throw new Interrupted('Interrupted before any probe item was written.');
    throw toCliError(error, ctx, 'GetCallerIdentity');
  }
  io.stderr.write(whoLine(ctx, identity));
  const report = await verifyHeadless(ctx, conn, options, io);
  if (options.json) io.stdout.write(json(report));
  return verifyExit(report);
}

/** Runs without prompts; returns the exit code or throws a CliError (the entry point prints it). */
export async function runHeadless(options: Options, io: HeadlessIo): Promise<number> {
  if (options.generateIam) return generateIam(options, io);
  const ctx = await resolveContext(options, io.env);
  if (options.command === 'verify') return verifyOnly(ctx, options, io);
  const { plan, identity, conn } = await checkOrStop(ctx, options, io);
  if (options.output) {
    if (plan.compared) io.stderr.write(whoLine(ctx, identity));
    return outputCode(options.output, plan, identity, ctx, options, io);
  }

  if (options.plan) {
    // The plan is what --plan was asked for: stdout, so `--plan > plan.txt` keeps it.
    if (options.json) io.stdout.write(json(planDocument(plan, identity)));
    else {
      io.stderr.write(whoLine(ctx, identity));
      io.stdout.write(planText(plan));
    }
    return options.detailedExitcode ? detailedExit(plan) : 0;
  }
  if (plan.action !== 'none' && !options.yes) {
    io.stderr.write(planText(plan));
    const what = plan.action === 'create' ? 'does not exist' : 'needs changes';
    throw new UsageError(`Table ${plan.table} ${what} and this run cannot ask before changing it; nothing was changed.`, 'Pass --yes to apply, or --plan to preview.');
  }
  if (plan.action === 'none') return finishWith(unchanged(plan), ctx, conn, options, io);

  io.stderr.write(whoLine(ctx, identity));
  io.stderr.write(planText(plan));
  const onProgress = progressPrinter((line) => io.stderr.write(line));
  let result: ApplyResult;
  try {
    io.progress?.changing(plan.table);
    result = await applyPlan(plan, conn, { signal: io.signal, onProgress, timeoutMs: ctx.timeoutMs });
    io.progress?.outcome(`Table ${result.table} was ${result.status}`);
  } catch (error) {
    if (io.signal?.aborted && !(error instanceof Interrupted)) {
      throw new Interrupted('Interrupted while applying. Run the same command again to finish.');
    }
    throw error;
  }
  return finishWith(result, ctx, conn, options, io);
}

/** Terraform's convention for drift checks: 0 nothing to do, 2 changes pending; a plan that could not compare is an error. */
function detailedExit(plan: Plan): number {
  if (!plan.compared) throw new AwsFailure('Could not compare with the real table, so there is no answer for --detailed-exitcode.', plan.reason);
  return plan.action === 'none' ? 0 : 2;
}

function unchanged(plan: Plan): ApplyResult {
  return { kind: plan.kind, table: plan.table, region: plan.region, status: 'unchanged', tableArn: plan.actual?.arn ?? '' };
}
