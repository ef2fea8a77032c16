/**
 * The plan drawn like an infrastructure plan: `+` create, `~` update, `-` remove, each index with
 * its keys, then TTL, billing, encryption, deletion protection, PITR, tags, notes, the controls.
 * Pure: lines of segments, the one rendering of a plan for both faces (the wizard colours them,
 * --plan prints them as plain text), so the same value reads the same everywhere.
 */
import { aKind, withIndexes } from '../core/kinds.js';
import { tagsText } from '../core/tags.js';
import { encryptionText, PITR_COST, unreadList, unreadOf, unsupportedText } from '../engine/change-text.js';
import { lookalikeWarning } from '../engine/lookalike.js';
import type { Change, Plan } from '../engine/types.js';

export type Tone = 'add' | 'remove' | 'change' | 'wait' | 'ok' | 'warn' | 'dim' | 'plain' | 'title';
export interface Segment {
  text: string;
  tone: Tone;
}
export type PlanLine = Segment[];

const seg = (text: string, tone: Tone = 'plain'): Segment => ({ text, tone });

/** Billing as the table will have it: on demand for a new one; an existing one's is left as it is. */
function billingText(p: Plan): string {
  const mode = p.actual ? p.actual.billingMode : 'PAY_PER_REQUEST';
  if (mode === 'PAY_PER_REQUEST') return 'on demand (PAY_PER_REQUEST)';
  if (mode === 'PROVISIONED') return 'provisioned capacity (PROVISIONED), left as is';
  return mode ? `${mode}, a mode this tool does not know; left as is` : 'not reported by DynamoDB; left as is';
}

/** What the table will have: for a new one what this run sets, for an up-to-date one what it has. */
function attributes(p: Plan): PlanLine[] {
  const { desired, actual } = p;
  const row = (name: string, value: string, tone: Tone = 'plain'): PlanLine => [seg(`      ${name.padEnd(24)}`, 'dim'), seg(value, tone)];
  const pitrOn = actual ? actual.pitr === 'ENABLED' : desired.pitr;
  const pitr = p.unsupported.includes('pitr') ? 'not on this endpoint (DynamoDB Local)' : pitrOn ? `on · ${PITR_COST}` : 'off (--no-pitr)';
  // A setting whose read was denied is said as unknown, never as the value this run wanted.
  const unread = (setting: 'ttl' | 'pitr' | 'tags', known: string) => (unreadOf(actual, setting) ? 'could not be read' : known);
  // Without --kms-key an existing table keeps its key: say which one it reports.
  const encryption = actual && !desired.kmsKey ? (actual.sse?.kmsKeyArn ? `KMS key ${actual.sse.kmsKeyArn} (kept)` : 'as the table has it (kept)') : encryptionText(desired);
  return [
    row('partition key', `${desired.partitionKey} (S)`),
    row('billing', billingText(p)),
    row('encryption', encryption),
    row('TTL', unread('ttl', `on attribute ${desired.ttlAttribute}`)),
    row('deletion protection', desired.deletionProtection ? 'on' : 'off (--no-deletion-protection)'),
    row('point-in-time recovery', unread('pitr', pitr)),
    row('tags', unread('tags', p.unsupported.includes('tags') ? 'not on this endpoint (DynamoDB Local)' : tagsText(actual?.tags ?? desired.tags))),
  ];
}

/** ✓ met, ✗ not met, – n/a (the endpoint cannot have it: DynamoDB Local), ? unknown. */
const MARK = { met: '✓', 'not met': '✗', 'n/a': '–', unknown: '?' } as const;

/** Every control on its own line, with its reason: for --plan's output, where space is not short. */
function fullComplianceLines(p: Plan): PlanLine[] {
  const width = Math.max(...p.compliance.map((c) => `${c.source} ${c.control}`.length));
  return p.compliance.map((c) => [
    seg(`    ${MARK[c.status]} `, c.status === 'met' ? 'ok' : c.status === 'n/a' ? 'dim' : 'warn'),
    seg(`${c.source} ${c.control}`.padEnd(width), c.status === 'met' ? 'plain' : c.status === 'n/a' ? 'dim' : 'warn'),
    seg(`  ${c.detail}`, 'dim'),
  ]);
}

/**
 * The controls, compact enough for a terminal: one line per auditor for those met, one line per
 * reason for those not met (--no-pitr alone fails three); `full` gives each control its own line.
 */
function complianceLines(p: Plan, full: boolean): PlanLine[] {
  const lines: PlanLine[] = [[seg('  Controls after this run', 'title')]];
  if (full) return [...lines, ...fullComplianceLines(p)];
  const sources = [...new Set(p.compliance.map((c) => c.source))];
  const width = Math.max(...sources.map((s) => s.length));
  for (const source of sources) {
    const met = p.compliance.filter((c) => c.source === source && c.status === 'met').map((c) => c.control);
    if (met.length > 0) lines.push([seg('    ✓ ', 'ok'), seg(source.padEnd(width), 'dim'), seg(`  ${met.join(', ')}`, 'ok')]);
  }
  for (const status of ['not met', 'unknown', 'n/a'] as const) {
    const failing = p.compliance.filter((c) => c.status === status);
    for (const detail of [...new Set(failing.map((c) => c.detail))]) {
      const controls = failing.filter((c) => c.detail === detail).map((c) => c.control);
      lines.push([seg(`    ${MARK[status]} `, status === 'not met' ? 'warn' : 'dim'), seg(controls.join(', '), status === 'n/a' ? 'dim' : 'warn'), seg(`  ${detail}`, 'dim')]);
    }
  }
  return lines;
}

function indexLine(sign: '+' | ' ', name: string, partitionKey: string, sortKey: string, width: number): PlanLine {
  return [
    seg(`    ${sign} `, sign === '+' ? 'add' : 'dim'),
    seg(`index ${name.padEnd(width)}`, sign === '+' ? 'add' : 'dim'),
    seg(`  ${partitionKey} (S), ${sortKey} (S) · projects ALL`, 'dim'),
  ];
}

function changeLine(c: Change, width: number): PlanLine {
  switch (c.op) {
    case 'create-table':
      return [seg('    + ', 'add'), seg(`table ${c.target}`, 'add')];
    case 'wait-table':
      return [seg('    ⧗ ', 'wait'), seg(`table is ${c.status}: wait for ACTIVE`, 'wait')];
    case 'add-index':
      return indexLine('+', c.target, c.partitionKey, c.sortKey, width);
    case 'wait-index':
      return [seg('    ⧗ ', 'wait'), seg(`index ${c.target.padEnd(width)}`, 'wait'), seg(`  ${c.status}: wait for ACTIVE`, 'dim')];
    case 'remove-index':
      return [
        seg('    - ', 'remove'),
        seg(`index ${c.target.padEnd(width)}`, 'remove'),
        seg(c.status ? `  ${c.status}: wait until it is gone · ${c.reason}` : `  ${c.reason}`, 'dim'),
      ];
    case 'enable-ttl':
      return [seg('    ~ ', 'change'), seg('TTL', 'change'), seg(`  off → on attribute ${c.attribute}`, 'plain')];
    case 'enable-deletion-protection':
      return [seg('    ~ ', 'change'), seg('deletion protection', 'change'), seg('  off → on', 'plain')];
    case 'enable-pitr':
      return [seg('    ~ ', 'change'), seg('point-in-time recovery', 'change'), seg('  off → on', 'plain'), seg(` · ${PITR_COST}`, 'dim')];
    case 'tag':
      return [seg('    ~ ', 'change'), seg('tags', 'change'), seg(`  + ${tagsText(c.tags)}`, 'plain'), seg(' · none removed', 'dim')];
    case 'set-kms-key':
      return [
        seg('    ~ ', 'change'),
        seg('encryption', 'change'),
        seg(`  ${c.from ? 'KMS key' : 'AWS owned key'} → ${c.keyArn}`, 'plain'),
        seg(' · DynamoDB allows switching keys at any time', 'dim'),
      ];
  }
}

function summary(p: Plan): PlanLine {
  const unread = unreadList(p.actual);
  if (p.action === 'none' && unread) return [seg('Nothing to change in what could be read: ', 'ok'), seg(`${p.table}'s ${unread} could not be read.`)];
  if (p.action === 'none') return [seg('Nothing to do: ', 'ok'), seg(`${p.table} is up to date.`)];
  if (p.action === 'create') return [seg('Plan: ', 'title'), seg(`create 1 table${withIndexes(p.desired.indexes.length)}, TTL on.`)];
  const n = p.changes.length;
  const removals = p.changes.filter((c) => c.op === 'remove-index').map((c) => c.target);
  const deleted = removals.length > 0 ? `only index ${removals.join(', ')} is deleted` : 'nothing is deleted';
  return [seg('Plan: ', 'title'), seg(`${n} change${n === 1 ? '' : 's'} to ${p.table}; ${deleted}.`)];
}

/** The last line of the plan of one table or several, e.g. "Plan: create 1 table with 4 indexes, TTL on." (the wizard keeps it in view). */
export function summaryLine(plans: readonly Plan[]): PlanLine {
  if (plans.length === 1 && plans[0]) return summary(plans[0]);
  const count = (action: Plan['action']) => plans.filter((p) => p.action === action).length;
  const parts = [count('create') && `create ${count('create')}`, count('update') && `update ${count('update')}`, count('none') && `${count('none')} up to date`].filter(Boolean);
  if (count('create') + count('update') === 0) return [seg('Nothing to do: ', 'ok'), seg(`the ${plans.length} tables are up to date.`)];
  if (count('create') === plans.length) return [seg('Plan: ', 'title'), seg(`create ${plans.length} tables.`)];
  return [seg('Plan: ', 'title'), seg(`${plans.length} tables: ${parts.join(', ')}.`)];
}

/** Every line of the plan's body, top to bottom; `full`: every control on its own line (--plan); `summary`: end with the summary line. */
export function planLines(p: Plan, { full = false, summary: withSummary = true } = {}): PlanLine[] {
  const width = Math.max(...p.desired.indexes.map((i) => i.name.length), 0);
  const lines: PlanLine[] = [];
  if (p.action === 'create') {
    lines.push([seg('  + ', 'add'), seg(`table ${p.table}`, 'add'), seg(`  will be created in ${p.region}`, 'dim')]);
    lines.push(...attributes(p));
    for (const i of p.desired.indexes) lines.push(indexLine('+', i.name, i.partitionKey, i.sortKey, width));
  } else if (p.action === 'update') {
    lines.push([seg('  ~ ', 'change'), seg(`table ${p.table}`, 'change'), seg(`  will be updated in place in ${p.region}`, 'dim')]);
    for (const c of p.changes) lines.push(changeLine(c, width));
    const touched = new Set(p.changes.map((c) => c.target));
    const kept = p.desired.indexes.filter((i) => !touched.has(i.name)).length;
    if (kept > 0) lines.push([seg(`      ${kept} index${kept === 1 ? '' : 'es'} already in place`, 'dim')]);
  } else {
    const partly = unreadList(p.actual) ? ' in what could be read' : '';
    lines.push([seg('  ✓ ', 'ok'), seg(`table ${p.table}`, 'ok'), seg(`  in ${p.region} matches what Sentinel needs${partly}`, 'dim')]);
    lines.push(...attributes(p));
    for (const i of p.desired.indexes) lines.push(indexLine(' ', i.name, i.partitionKey, i.sortKey, width));
  }
  if (p.lookalike) lines.push([seg('  ! ', 'warn'), seg(lookalikeWarning(p.table, p.kind, p.lookalike), 'warn')]);
  if (!p.compared) lines.push([seg('  ! ', 'warn'), seg(`Could not compare with the real table: ${p.reason ?? 'unknown reason'}`, 'warn')]);
  for (const note of p.notes) lines.push([seg('  ! ', 'warn'), seg(note, 'warn')]);
  if (p.unsupported.length > 0) lines.push([seg('  ! ', 'warn'), seg(unsupportedText(p), 'warn')]);
  lines.push([], ...complianceLines(p, full));
  if (withSummary) lines.push([], summary(p));
  return lines;
}

/** A table's plan in a few words: "create with 4 indexes", "3 changes", "up to date". */
export function planWords(p: Plan): string {
  if (p.action === 'create') return `create${withIndexes(p.desired.indexes.length)}`;
  if (p.action === 'update') return `${p.changes.length} change${p.changes.length === 1 ? '' : 's'}`;
  const unread = unreadList(p.actual);
  return unread ? `up to date in what could be read (not its ${unread})` : 'up to date';
}

const MARKS: Record<Plan['action'], [string, Tone]> = { create: ['+', 'add'], update: ['~', 'change'], none: ['✓', 'ok'] };

/** Several tables (`all`): one line each, what will happen, above their full plans. */
export function overviewLines(plans: readonly Plan[]): PlanLine[] {
  const width = Math.max(...plans.map((p) => p.table.length));
  return [
    [seg(`${plans.length} tables in ${plans[0]?.region ?? ''}:`, 'title')],
    ...plans.map((p) => {
      const [mark, tone] = MARKS[p.action];
      const text = planWords(p);
      return [seg(`  ${mark} `, tone), seg(p.table.padEnd(width), tone), seg(`  ${text}${p.lookalike ? ` · looks like ${aKind(p.lookalike)} table` : ''}`, p.lookalike ? 'warn' : 'dim')];
    }),
  ];
}

const ACTION_WORDS: Record<Plan['action'], string> = {
  create: 'create the table',
  update: 'update the table',
  none: 'nothing to do, the table is up to date',
};

/**
 * What the tables cost, in one line, once below every plan (--plan and the wizard, not --json): on
 * demand each request is billed; storage and, when on, point-in-time recovery per GB-month.
 */
export function costLine(plans: readonly Plan[]): PlanLine {
  // Named when wanted, DynamoDB Local included: the note is what AWS would bill.
  const pitr = plans.some((p) => p.desired.pitr);
  return [
    seg('Cost: ', 'title'),
    seg(`on-demand requests are billed per request; storage${pitr ? ' and point-in-time recovery' : ''} per GB-month. `),
    seg('Prices: https://aws.amazon.com/dynamodb/pricing/', 'dim'),
  ];
}

/** Several plans as plain text (--plan), one after another, then the cost line. */
export function plansText(plans: readonly Plan[]): string {
  return `${plans.map((p) => planText(p)).join('\n')}\n${costLine(plans).map((s) => s.text).join('')}\n`;
}

/** The plan as plain text (--plan): a heading, then the same lines the wizard draws. */
export function planText(plan: Plan): string {
  const body = planLines(plan, { full: true }).map((line) => line.map((s) => s.text).join('').trimEnd());
  const action = plan.action === 'none' && unreadList(plan.actual) ? 'nothing to change in what could be read' : ACTION_WORDS[plan.action];
  return `${[`Plan for ${plan.kind} table ${plan.table} in ${plan.region}: ${action}.`, ...body].join('\n')}\n`;
}
