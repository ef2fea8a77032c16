/**
 * Plans and results as text and JSON. Pure: the headless path prints these, and the wizard may
 * reuse the sentences so both faces describe a change the same way.
 */
import type { Identity } from '../aws/types.js';
import { describeChange, unsupportedText } from '../engine/change-text.js';
import type { ApplyResult, Plan } from '../engine/types.js';
import { wiringFor, wiringLine } from '../service/wiring.js';

const ACTION_WORDS: Record<Plan['action'], string> = {
  create: 'create the table',
  update: 'update the table',
  none: 'nothing to do, the table is up to date',
};

/** The plan for a person: a heading, one line per change, the notes, and whether it was compared. */
export function planText(plan: Plan): string {
  const lines = [`Plan for ${plan.kind} table ${plan.table} in ${plan.region}: ${ACTION_WORDS[plan.action]}.`];
  for (const change of plan.changes) lines.push(`  ${change.op === 'remove-index' ? '-' : '+'} ${describeChange(change, plan)}`);
  for (const note of plan.notes) lines.push(`  note: ${note}`);
  if (plan.unsupported.length > 0) lines.push(`  note: ${unsupportedText(plan)}`);
  lines.push('Controls after this run:');
  const width = Math.max(...plan.compliance.map((c) => `${c.source} ${c.control}`.length));
  for (const c of plan.compliance) lines.push(`  ${c.status.padEnd(7)}  ${`${c.source} ${c.control}`.padEnd(width)}  ${c.detail}`);
  if (!plan.compared) {
    lines.push(`Could not compare with the real table, so this is the plan for a new table. ${plan.reason ?? ''}`.trimEnd());
  }
  return `${lines.join('\n')}\n`;
}

/** The plan as the JSON document of the spec (keys may be added, never renamed). */
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
    ...(identity && { account: identity.account, caller: identity.arn }),
  };
}

/** The apply result as the JSON document of the spec, with where each Sentinel consumer reads the table name. */
export function resultDocument(result: ApplyResult): Record<string, unknown> {
  return { kind: result.kind, table: result.table, region: result.region, status: result.status, tableArn: result.tableArn, wiring: wiringFor(result.kind, result.table) };
}

const STATUS_WORDS: Record<ApplyResult['status'], string> = {
  created: 'created',
  updated: 'updated',
  unchanged: 'already up to date',
};

/** The result for a person: what happened, the ARN, and what to do next. */
export function resultText(result: ApplyResult): string {
  return [
    `Table ${result.table} (${result.kind}) in ${result.region}: ${STATUS_WORDS[result.status]}.`,
    `ARN: ${result.tableArn}`,
    'Next steps: point Sentinel at the table.',
    ...wiringFor(result.kind, result.table).map((step) => `  ${wiringLine(step)}`),
    '',
  ].join('\n');
}
