/** Results both faces report. Pure. */
import type { ApplyResult, Plan } from './types.js';

/** A table with nothing to do: "already up to date", with the ARN the check saw (or the one given). */
export function unchangedResult(p: Plan, tableArn: string = p.actual?.arn ?? ''): ApplyResult {
  return { kind: p.kind, table: p.table, region: p.region, status: 'unchanged', tableArn };
}
