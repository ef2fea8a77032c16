/**
 * `sentinel-init verify` and `--verify` without prompts: one line per Sentinel access pattern on
 * stdout as each finishes (the lines are the result), or one JSON document with --json.
 */
import type { Options } from '../service/options.js';
import { cleanProbes, runVerify, verifyFailure, type CleanReport } from '../service/verify.js';
import type { Connection, RunContext } from '../service/workflow.js';
import { checkLine, verifyHeading, verifySummary } from '../verify/format.js';
import type { VerifyReport } from '../verify/types.js';
import type { HeadlessIo } from './io.js';

/** Runs verify, printing lines as they come (text) or nothing (JSON: the caller prints the report). */
export async function verifyHeadless(ctx: RunContext, conn: Connection, options: Options, io: HeadlessIo): Promise<VerifyReport> {
  let headed = false;
  const report = await runVerify(ctx, conn, {
    signal: io.signal,
    onLeaving: (sentence) => io.progress?.leaving?.(sentence),
    onResult: (r) => {
      if (options.json) return;
      // Only once a pattern ran: a missing table ends the run with its sentence alone.
      if (!headed) io.stdout.write(`${verifyHeading(ctx.kind, ctx.table, ctx.region)}\n`);
      headed = true;
      io.stdout.write(`  ${checkLine(r)}\n`);
    },
  });
  if (!options.json) io.stdout.write(`${verifySummary(report)}\n`);
  return report;
}

/** Exit 0 when every pattern passed on every table; else the first failing table's sentence (exit 1). `ctxs[i]` verified `reports[i]`. */
export function verifyExit(reports: readonly VerifyReport[], ctxs: readonly RunContext[]): number {
  const at = reports.findIndex((r) => !r.passed);
  const [failed, ctx] = [reports[at], ctxs[at] ?? ctxs[0]];
  if (failed && ctx) throw verifyFailure(failed, ctx);
  return 0;
}

/** `verify KIND --clean`: removes the probe items earlier runs left; one line (text) or nothing (JSON: the caller prints). */
export async function cleanHeadless(ctx: RunContext, conn: Connection, options: Options, io: HeadlessIo): Promise<CleanReport> {
  const report = await cleanProbes(ctx, conn, io.signal);
  const n = report.removed.length;
  const line = n === 0 ? `No probe item of sentinel-init verify is in table ${report.table}.` : `Removed ${n} probe item${n === 1 ? '' : 's'} of sentinel-init verify from table ${report.table}: ${report.removed.join(', ')}.`;
  if (!options.json) io.stdout.write(`${line}\n`);
  return report;
}

// One chunk for main's modules (src/cli/program-modules.ts).
export { programModules } from '../cli/program-modules.js';
