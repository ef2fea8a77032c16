/**
 * Plans and results as text and JSON for the headless face. Pure. The plan's text is the one both
 * faces draw (src/service/plan-lines.ts).
 */
import type { Identity } from '../aws/types.js';
import type { ApplyResult, Plan } from '../engine/types.js';
import type { TableState } from '../service/table-states.js';
import { deployLines, deploySteps, wiringFor, wiringLine, type DoctorTarget } from '../service/wiring.js';
export { planText, plansText } from '../service/plan-lines.js';

/** The version of the --json contract (docs/json-schema.json): keys may be added within it, never renamed or removed. */
export const FORMAT_VERSION = '1';

export type JsonCommand = 'plan' | 'apply' | 'verify' | 'clean' | 'doctor';

/** The one document --json prints: the same top level for one KIND and for `all`, one entry per table. */
export function jsonDocument(command: JsonCommand, tables: readonly unknown[]): Record<string, unknown> {
  return { formatVersion: FORMAT_VERSION, command, tables };
}

/** One table's plan in the JSON document (keys may be added, never renamed). */
export function planDocument(plan: Plan, identity?: Identity): Record<string, unknown> {
  return {
    kind: plan.kind,
    table: plan.table,
    region: plan.region,
    action: plan.action,
    changes: plan.changes,
    notes: plan.notes,
    compared: plan.compared,
    compliance: plan.compliance,
    ...(plan.unsupported.length > 0 && { unsupported: plan.unsupported }),
    ...(plan.reason !== undefined && { reason: plan.reason }),
    ...(plan.actual?.unread && { unread: plan.actual.unread }),
    ...(identity && { account: identity.account, caller: identity.arn }),
  };
}

/** The apply result as the JSON document of the spec, with where each Sentinel consumer reads the table name and each deploy tool's input for it. */
export function resultDocument(result: ApplyResult): Record<string, unknown> {
  return { kind: result.kind, table: result.table, region: result.region, status: result.status, state: 'done', tableArn: result.tableArn, wiring: wiringFor(result.kind, result.table), deploy: deploySteps([result]) };
}

/** The next steps in Sentinel's deploy tools, once for all the run's tables (none for a --local demo). */
export function deployText(results: readonly ApplyResult[], { local = false, target = {} }: { local?: boolean; target?: DoctorTarget } = {}): string {
  return local || results.length === 0 ? '' : `${deployLines(results, target).join('\n')}\n`;
}

/**
 * A table of a run that did not finish (failed or stopped), for --json: done tables as their result;
 * else `state` (in-progress, failed, not-started), the steps done, the calls in flight (sent, effect
 * not yet confirmed), and the sentence the run ended with on it.
 */
export function tableDocument(t: TableState): Record<string, unknown> {
  if (t.state === 'done' && t.status) return resultDocument({ kind: t.kind, table: t.table, region: t.region, status: t.status, tableArn: t.tableArn ?? '' });
  const base = { kind: t.kind, table: t.table, region: t.region, state: t.state };
  if (t.state === 'not-started') return base;
  return { ...base, stepsDone: t.stepsDone, inFlight: t.inFlight.map((f) => ({ operation: f.operation, step: f.step })), ...(t.error !== undefined && { error: t.error }) };
}

const STATUS_WORDS: Record<ApplyResult['status'], string> = {
  created: 'created',
  updated: 'updated',
  unchanged: 'already up to date',
};

/** The result for a person: what happened, the ARN, and what to do next (nothing for a `--local` demo's throwaway table). */
export function resultText(result: ApplyResult, { local = false } = {}): string {
  const next = local
    ? ['This is a local demo: the table lives in DynamoDB Local and is gone when this run ends.']
    : ['Next steps: point Sentinel at the table.', ...wiringFor(result.kind, result.table).map((step) => `  ${wiringLine(step)}`)];
  return [`Table ${result.table} (${result.kind}) in ${result.region}: ${STATUS_WORDS[result.status]}.`, `ARN: ${result.tableArn}`, ...next, ''].join('\n');
}
