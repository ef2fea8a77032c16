/**
 * The headless face: every answer comes from flags, nothing is ever asked. Results on stdout (one
 * JSON document with --json), everything for people on stderr. Never imports Ink or React.
 */
import { headlessMfaProvider } from '../aws/credentials.js';
import type { Identity } from '../aws/types.js';
import { unreadList } from '../engine/change-text.js';
import { unchangedResult } from '../engine/result.js';
import type { ApplyResult, Plan } from '../engine/types.js';
import { aKind, kindsOf } from '../core/kinds.js';
import type { VerifyReport } from '../verify/types.js';
import { AwsFailure, describeError, Interrupted, UsageError } from '../core/errors.js';
import type { Options } from '../service/options.js';
import { getIdentity } from '../aws/identity.js';
import { identityText } from '../service/who.js';
import { applyPlans, checkTables, connect, isAbort, resolveContext, toCliError, type Connection, type RunContext } from '../service/workflow.js';
import type { HeadlessIo } from './io.js';
import { deployText, jsonDocument, planDocument, plansText, resultDocument, resultText, tableDocument } from './format.js';
import { stopHow, stoppedSentence, type TableState } from '../service/table-states.js';
import { progressPrinter } from './progress.js';

export type { HeadlessIo } from './io.js';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Who will make the change, said before any change (the account is the thing people get wrong). */
function whoLine(ctx: RunContext, identity: Identity | undefined): string {
  const profile = ctx.profile ? `profile ${ctx.profile}` : 'the default credentials';
  return `${identityText(identity, ctx.endpointUrl)} (${profile}), region ${ctx.region}.\n`;
}

/** The contexts of the run: one table, or one per kind for `all` (each under its default name). */
async function resolveAll(options: Options, env: NodeJS.ProcessEnv): Promise<RunContext[]> {
  const ctxs: RunContext[] = [];
  for (const kind of kindsOf(options.kind)) ctxs.push(await resolveContext({ ...options, kind }, env));
  return ctxs;
}

/** The check, with Ctrl-C before any change said as such. */
async function checkOrStop(ctxs: readonly RunContext[], options: Options, io: HeadlessIo): Promise<{ identity?: Identity; plans: Plan[]; conn: Connection }> {
  const [first] = ctxs as [RunContext];
  try {
    const conn = await connect(first, headlessMfaProvider(options.mfaCode, first.profile));
    return { ...(await checkTables(ctxs, conn, io.signal, { offlineOnFailure: options.plan || options.output !== undefined })), conn };
  } catch (error) {
    if (io.signal?.aborted) throw new Interrupted('Interrupted before any change: nothing was created.');
    throw error;
  }
}

/** --json: the apply's document the exit point prints if a signal ends the run now (before it prints its own). */
function owe(io: HeadlessIo, options: Options, docs: unknown[]): void {
  if (options.json) io.progress?.document?.(json(jsonDocument('apply', docs)));
}

/** --json: the apply's one document, whether it finished, failed or was stopped. */
function writeDocument(io: HeadlessIo, options: Options, docs: unknown[]): void {
  io.progress?.document?.(undefined);
  if (options.json) io.stdout.write(json(jsonDocument('apply', docs)));
}

/** Prints the results; with --verify, runs Sentinel's access patterns on each table too (in the JSON as `verify`). */
async function finishWith(results: readonly ApplyResult[], ctxs: readonly RunContext[], conn: Connection, options: Options, io: HeadlessIo): Promise<number> {
  // A blank line between tables (`all`).
  if (!options.json) io.stdout.write(results.map((r) => resultText(r, { local: options.local })).join('\n') + deployText(results, { local: options.local, target: { profile: ctxs[0]?.profile, endpointUrl: ctxs[0]?.endpointUrl } }));
  const docs = results.map(resultDocument);
  if (!options.verify) {
    writeDocument(io, options, docs);
    return 0;
  }
  owe(io, options, docs);
  // verify and --output load their modules when asked for: a plain create never reads them.
  const { verifyExit, verifyHeadless } = await import('./verify.js');
  const reports: VerifyReport[] = [];
  try {
    for (const ctx of ctxs) reports.push(await verifyHeadless(ctx, conn, options, io));
  } catch (error) {
    // The tables are made whatever verify met: the document says so, and which verify did not finish.
    const at = reports.length;
    writeDocument(io, options, docs.map((d, i) => (i < at ? { ...d, verify: reports[i] } : i === at ? { ...d, verifyError: describeError(error).text } : d)));
    throw error;
  }
  writeDocument(io, options, docs.map((d, i) => ({ ...d, verify: reports[i] })));
  return verifyExit(reports, ctxs);
}

/** `sentinel-init verify`: who, then the patterns on each table (or, with --clean, the removal of earlier probe items). */
async function verifyOnly(ctxs: readonly RunContext[], options: Options, io: HeadlessIo): Promise<number> {
  const { cleanHeadless, verifyExit, verifyHeadless } = await import('./verify.js');
  const [ctx] = ctxs as [RunContext];
  const conn = await connect(ctx, headlessMfaProvider(options.mfaCode, ctx.profile));
  let identity: Identity | undefined;
  try {
    identity = await getIdentity(conn.target, io.signal);
  } catch (error) {
    if (isAbort(error, io.signal)) throw new Interrupted('Interrupted before any probe item was written.');
    throw toCliError(error, ctx, 'GetCallerIdentity');
  }
  io.stderr.write(whoLine(ctx, identity));
  if (options.clean) {
    const cleaned = [];
    for (const one of ctxs) cleaned.push(await cleanHeadless(one, conn, options, io));
    if (options.json) io.stdout.write(json(jsonDocument('clean', cleaned)));
    return 0;
  }
  const reports: VerifyReport[] = [];
  for (const one of ctxs) reports.push(await verifyHeadless(one, conn, options, io));
  if (options.json) io.stdout.write(json(jsonDocument('verify', reports)));
  return verifyExit(reports, ctxs);
}

const tablesText = (plans: readonly Plan[]) => (plans.length === 1 ? `Table ${plans[0]?.table}` : `Tables ${plans.map((p) => p.table).join(', ')}`);

/** Runs without prompts; returns the exit code or throws a CliError (the entry point prints it). */
export async function runHeadless(options: Options, io: HeadlessIo): Promise<number> {
  const ctxs = await resolveAll(options, io.env);
  const [ctx] = ctxs as [RunContext];
  if (options.command === 'verify') return verifyOnly(ctxs, options, io);
  const { plans, identity, conn } = await checkOrStop(ctxs, options, io);
  if (options.output) {
    if (plans.every((p) => p.compared)) io.stderr.write(whoLine(ctx, identity));
    return (await import('./output-code.js')).outputCode(options.output, plans, identity, ctx, options, io);
  }
  const text = plansText(plans);

  if (options.plan) {
    // The plan is what --plan was asked for: stdout, so `--plan > plan.txt` keeps it.
    if (options.json) io.stdout.write(json(jsonDocument('plan', plans.map((p) => planDocument(p, identity)))));
    else {
      io.stderr.write(whoLine(ctx, identity));
      io.stdout.write(text);
    }
    return options.detailedExitcode ? detailedExit(plans) : 0;
  }
  refuseKindChange(plans, options);
  const changing = plans.filter((p) => p.action !== 'none');
  if (changing.length > 0 && !options.yes) {
    io.stderr.write(text);
    const what = changing.length === 1 ? (changing[0]?.action === 'create' ? 'does not exist' : 'needs changes') : 'need creating or changing';
    throw new UsageError(`${tablesText(changing)} ${what} and this run cannot ask before changing ${changing.length === 1 ? 'it' : 'them'}; nothing was changed.`, 'Pass --yes to apply, or --plan to preview.');
  }
  if (changing.length === 0) return finishWith(plans.map((p) => unchangedResult(p)), ctxs, conn, options, io);

  io.stderr.write(whoLine(ctx, identity));
  io.stderr.write(text);
  const onProgress = progressPrinter((line) => io.stderr.write(line));
  let tables: readonly TableState[] = [];
  const onTables = (states: readonly TableState[]) => {
    tables = states;
    io.progress?.tables(states);
    owe(io, options, states.map(tableDocument));
  };
  let results: ApplyResult[];
  try {
    results = await applyPlans(plans, conn, { signal: io.signal, onProgress, onTables, timeoutMs: ctx.timeoutMs });
    io.progress?.outcome(results.map((r) => `Table ${r.table} was ${r.status}`).join('; '));
  } catch (error) {
    writeDocument(io, options, tables.map(tableDocument));
    if (io.signal?.aborted && !(error instanceof Interrupted)) throw new Interrupted(stoppedSentence(stopHow(io.signal), tables));
    throw error;
  }
  return finishWith(results, ctxs, conn, options, io);
}

/** A table whose indexes are another kind's is converged only when the person says so: the wizard asks, headless needs the flag. */
function refuseKindChange(plans: readonly Plan[], options: Options): void {
  const odd = plans.find((p) => p.lookalike && p.action !== 'none');
  if (!odd?.lookalike || options.allowKindChange) return;
  const other = options.kind === 'all' ? '' : `, or name ${aKind(odd.kind)} table with --table`;
  throw new UsageError(
    `Table ${odd.table} looks like ${aKind(odd.lookalike)} table, not ${aKind(odd.kind)} table: converging would add ${aKind(odd.kind)} table's indexes to it. Nothing was changed.`,
    `Pass --allow-kind-change to converge it anyway${other}.`,
  );
}

/**
 * Terraform's convention for drift checks: 0 nothing to do, 2 changes pending; a plan that could
 * not compare is an error, and so is "nothing to do" when part of a table could not be read.
 */
function detailedExit(plans: readonly Plan[]): number {
  const blind = plans.find((p) => !p.compared);
  if (blind) throw new AwsFailure(`Could not compare ${blind.table} with the real table, so there is no answer for --detailed-exitcode.`, blind.reason);
  if (plans.some((p) => p.action !== 'none')) return 2;
  const partly = plans.find((p) => p.actual?.unread);
  if (partly) throw new AwsFailure(`Could not read ${partly.table}'s ${unreadList(partly.actual, true)}, so there is no answer for --detailed-exitcode.`, 'Let this identity make that call (--generate-iam prints the policy), then run again.');
  return 0;
}

// One chunk for main's modules (src/cli/program-modules.ts).
export { programModules } from '../cli/program-modules.js';
