/**
 * The plain record a wizard run leaves in the scrollback once it ends: the answers, each table's
 * plan in one line, where the two IAM policies were saved (and to whom to attach each), what happened, the next
 * steps, and the headless command for the next time. Printed as text after Ink has gone, so the
 * terminal keeps it whatever the screens did (resizes, redraws). Pure.
 */
import { checkLine, verifySummary } from '../verify/format.js';
import type { Plan } from '../engine/types.js';
import { tagsText } from '../core/tags.js';
import { POLICY_AUDIENCES } from '../core/policy-audience.js';
import { basename } from 'node:path';
import { printedCommand } from '../core/shell.js';
import { generateIamCommand } from '../service/command-line.js';
import { planWords } from '../service/plan-lines.js';
import type { Options } from '../service/options.js';
import type { TableState } from '../service/table-states.js';
import { deployLines, wiringFor, wiringLine } from '../service/wiring.js';
import { INPUT_STEPS, type InputStep, type WizardState } from './steps.js';
import { tableNames } from './view-model.js';

const CODE_NAMES = { terraform: 'Terraform', cloudformation: 'CloudFormation' } as const;

/** Who each saved policy is for, and the inline policy name the example command gives it. */
const ATTACH = {
  provisioning: { who: 'whoever runs sentinel-init', role: 'ROLE', name: 'sentinel-init' },
  runtime: { who: "Sentinel's Lambda TVM role and its CLI users", role: 'SENTINEL_ROLE', name: 'sentinel-runtime' },
} as const;

/** How to apply saved code for tables that are new (existing ones have their import steps above). */
function applyCodeLines(state: WizardState, profile: string | undefined): string[] {
  const last = state.code.at(-1);
  const file = last?.paths[0];
  if (!last || !file || last.hint.length > 0) return [];
  if (last.format === 'terraform') return [`To create the tables with it: terraform init && terraform apply, in the folder of ${file}.`];
  const stack = basename(file).replace(/(-\d+)?\.cfn\.yaml$/, '');
  const deploy = printedCommand('aws', ['cloudformation', 'deploy', '--stack-name', stack, '--template-file', file, '--capabilities', 'CAPABILITY_IAM'], { region: state.answers.region, profile });
  return [`To create them with it: ${deploy}`];
}

const STATUS = { created: 'created', updated: 'updated', unchanged: 'already up to date' } as const;

/** One line for a table's plan, e.g. "sentinel-sessions: create with 4 indexes" or "t: 2 changes (ttl, deletion-protection)". */
function planSummary(p: Plan): string {
  if (!p.compared) return `${p.table}: not compared (${p.reason ?? 'no access'})`;
  const targets = p.action === 'update' ? ` (${[...new Set(p.changes.map((c) => c.target))].join(', ')})` : '';
  return `${p.table}: ${planWords(p)}${targets}`;
}

/** "Still in progress on AWS's side: …": only steps whose change was sent and not yet confirmed. */
const inFlightLine = (t: TableState) => `Still in progress on AWS's side: ${t.inFlight.map((f) => f.step).join('; ')}.`;

/** One table's apply that stopped: what was done, what AWS still does. A failure's own line says the rest. */
function oneTableLines(state: WizardState, t: TableState | undefined): string[] {
  const out: string[] = [];
  const plan = state.checked?.plans.find((p) => p.table === t?.table);
  const inFlight = t?.inFlight.length ?? 0;
  if (t && t.stepsDone.length > 0) out.push(`Done so far: ${t.stepsDone.join('; ')}.`);
  else if (t?.state === 'failed') return out;
  else if (inFlight === 0) out.push('Nothing was changed.');
  else if (plan?.action === 'create') out.push(`Table ${plan.table} may exist already: DynamoDB finishes a creation it has accepted.`);
  else out.push(`Table ${t?.table} is as it was, apart from what is still in progress.`);
  if (t && inFlight > 0) out.push(inFlightLine(t));
  return out;
}

/** Several tables (`all`): a line for each table done or begun, then those not started. */
function tablesLines(tables: readonly TableState[]): string[] {
  const out: string[] = [];
  for (const t of tables) {
    if (t.state === 'done') out.push(`${t.table}: ${STATUS[t.status ?? 'unchanged']}.`);
    if (t.state !== 'in-progress' && t.state !== 'failed') continue;
    const so = t.stepsDone.length > 0 ? `done so far: ${t.stepsDone.join('; ')}` : t.state === 'failed' ? 'stopped by the error above' : t.inFlight.length > 0 ? 'stopped' : 'nothing was changed';
    out.push(`${t.table}: ${so}.${t.inFlight.length > 0 ? ` ${inFlightLine(t)}` : ''}`);
  }
  const waiting = tables.filter((t) => t.state === 'not-started').map((t) => t.table);
  if (waiting.length > 0) out.push(`Not started: ${waiting.join(', ')}.`);
  return out;
}

/** What exists after an apply that stopped (Ctrl-C or a failure), and how to finish. */
function stoppedLines(state: WizardState, tables: readonly TableState[], command: string): string[] {
  const out = tables.length > 1 ? tablesLines(tables) : oneTableLines(state, tables[0]);
  out.push('Run it again to finish; it picks up where this stopped:', `  ${command}`);
  return out;
}

/** Whether the run had the answer of `input` when it ended: given by flag, or asked before the step it ended on. */
function answered(state: WizardState, input: InputStep): boolean {
  if (state.given[input]) return true;
  const at = state.step.name === 'interrupted' ? state.step.at : state.step.name;
  const index = INPUT_STEPS.indexOf(at as InputStep);
  return index === -1 || INPUT_STEPS.indexOf(input) < index;
}

/** The answers the run had, one line each (none when it ended on the first question). */
function answerLines(state: WizardState): string[] {
  const { answers } = state;
  if (!answered(state, 'kind')) return [];
  const out = [`  kind      ${answers.kind}`];
  if (answered(state, 'profile')) out.push(`  profile   ${answers.profile ?? '(default credential chain)'}`);
  if (answered(state, 'region') && answers.region) out.push(`  region    ${answers.region}`);
  if (answered(state, 'table') || answers.kind === 'all') out.push(`  table${tableNames(answers).length > 1 ? 's' : ' '}    ${tableNames(answers).join(', ')}`);
  return out;
}

/** The lines, for `state` at the end of the run; `command` is the equivalent headless command, `tables` where the apply left each table. */
export function transcript(state: WizardState, options: Options, command: string, tables: readonly TableState[] = []): string[] {
  const { answers, checked, step } = state;
  // A --local demo's profile exists only inside the demo: aws commands for later use the person's own.
  const awsProfile = options.local ? undefined : answers.profile;
  const known = answerLines(state);
  const out = known.length > 0 ? ['', 'sentinel-init: the run', ...known] : [''];
  // A command for later only once it can be complete: the region is the last answer it needs.
  const later = answered(state, 'region') && answers.region ? command : undefined;
  if (answers.tags.length > 0) out.push(`  tags      ${tagsText(Object.fromEntries(answers.tags.map((t) => [t.key, t.value])))}`);
  if (checked?.identity) out.push(`  account   ${checked.identity.account} as ${checked.identity.arn}`);
  for (const p of checked?.plans ?? []) out.push(`  plan      ${planSummary(p)}`);
  if (state.policySaved) {
    for (const [i, audience] of POLICY_AUDIENCES.entries()) {
      const path = state.policySaved[audience];
      const { who, role, name } = ATTACH[audience];
      out.push(`${i === 0 ? '  policies  ' : '            '}${audience} saved to ${path}`);
      const attach = printedCommand('aws', ['iam', 'put-role-policy', '--role-name', role, '--policy-name', name, '--policy-document', `file://${path}`], { profile: awsProfile });
      out.push(`            for ${who}, e.g.: ${attach}`);
    }
  } else if (checked && answers.region) {
    out.push(
      `  policies  not saved; to print both: ${generateIamCommand({
        kind: answers.kind,
        region: answers.region,
        table: answers.kind === 'all' ? undefined : tableNames(answers)[0],
        accountId: checked.identity?.account ?? options.accountId,
        pitr: options.pitr,
        kmsKey: options.kmsKey,
      })}`,
    );
  }
  for (const saved of state.code) {
    out.push(`  code      ${CODE_NAMES[saved.format]} saved to ${saved.paths.join(' and ')}`);
    for (const line of saved.hint) out.push(`            ${line.trim()}`);
  }
  if (out.length > 1) out.push('');
  switch (step.name) {
    case 'done': {
      for (const r of step.results) out.push(`✓ Table ${r.table} in ${r.region}: ${STATUS[r.status]}.${r.tableArn ? ` ${r.tableArn}` : ''}`);
      for (const report of state.verify?.reports ?? []) {
        out.push(`Sentinel's access patterns on ${report.table}: ${verifySummary(report)}`);
        for (const c of report.checks.filter((x) => x.outcome !== 'pass')) out.push(`  ${checkLine(c)}`);
      }
      if (state.verify?.error) out.push(`Verify did not finish: ${state.verify.error}`);
      if (options.local) {
        out.push('This was a local demo: the tables lived in DynamoDB Local and are gone now that it has stopped.');
      } else {
        out.push('Next steps, where Sentinel runs:');
        for (const r of step.results) for (const w of wiringFor(r.kind, r.table)) out.push(`  ${wiringLine(w)}`);
        out.push(...deployLines(step.results, { profile: awsProfile, endpointUrl: checked?.endpointUrl ?? options.endpointUrl }));
      }
      out.push('Next time, without questions:', `  ${command}`);
      break;
    }
    case 'declined':
      out.push('Declined: nothing was created or changed.', 'To do it later, without questions:', `  ${command}`);
      break;
    case 'code-only':
      out.push('Nothing was created or changed: the code was saved instead (above).', ...applyCodeLines(state, awsProfile), 'Or let sentinel-init do it, without questions:', `  ${command}`);
      break;
    case 'interrupted':
      if (step.during === 'apply') out.push('Interrupted: stopped waiting and cancelled the calls in flight.', ...stoppedLines(state, tables, command));
      else out.push('Interrupted: nothing was created.', ...(later ? ['To do it later, without questions:', `  ${later}`] : []));
      break;
    case 'apply-failed':
      out.push(`✗ ${step.message}`, ...stoppedLines(state, tables, command));
      break;
    default:
      out.push(`  ${command}`);
  }
  return out;
}
