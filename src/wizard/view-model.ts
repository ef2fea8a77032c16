/**
 * What the screens show, computed from the wizard's state: pure functions, so the view only draws
 * (src/wizard/StepView.tsx) and these are tested without React.
 */
import { KINDS, kindsOf, type KindChoice, type KindName } from '../core/kinds.js';
import { POLICY_AUDIENCES, POLICY_FOR } from '../core/policy-audience.js';
import { toolTags, type Tag } from '../core/tags.js';
import { lookalikeWarning } from '../engine/lookalike.js';
import type { Plan } from '../engine/types.js';
import { printedCommand } from '../core/shell.js';
import { headlessArgs, headlessCommand } from '../service/command-line.js';
import type { Options } from '../service/options.js';
import type { Checked, CodeFormat, PolicyTexts, SavedPolicies, WizardServices } from './services.js';
import type { Answers, WizardState } from './steps.js';

/** The kinds the answers stand for (four for `all`). */
export function kinds(answers: Answers): KindName[] {
  return kindsOf(answers.kind);
}

/** The tool's own tags as the tags step lists them (for `all`, each table gets its own kind). */
export function toolTagsShown(answers: Answers): Tag[] {
  if (answers.kind !== 'all') return toolTags(answers.kind);
  return toolTags('sessions').map((t) => (t.key === 'sentinel:table-kind' ? { ...t, value: '<each table its kind>' } : t));
}

/** The table name the table step starts with, or shows in the header: the answer, else the kind's default. */
export function tableName(answers: Answers): string {
  return answers.kind === 'all' ? 'all four tables' : (answers.table ?? KINDS[answers.kind].defaultTable);
}

/** Each table of the run, as the check and the headless command name them. */
export function tableNames(answers: Answers): string[] {
  return answers.kind === 'all' ? kinds(answers).map((k) => KINDS[k].defaultTable) : [tableName(answers)];
}

/**
 * The region the region list starts on: the region answer, which is the person's choice for the
 * chosen profile or --region (the reducer drops an answer given for another profile), else the
 * rule's next sources (AWS_REGION, AWS_DEFAULT_REGION, the profile's own region).
 */
export function regionPreselect(services: Pick<WizardServices, 'preselectRegion'>, answers: Answers): Promise<string | undefined> {
  return services.preselectRegion(answers.region, answers.profile);
}

/** What the check screen says it is doing. */
export function checkWhat(answers: Answers): string {
  const who = answers.profile ? `profile ${answers.profile}` : 'default credentials';
  const tables = tableNames(answers);
  return `${who}, ${tables.length === 1 ? `table ${tables[0]}` : `tables ${tables.join(', ')}`} in ${answers.region}`;
}

/** The options of the check: the flags, with the wizard's answers in place. */
export function checkOptions(options: Options, answers: Answers): Options {
  return { ...options, kind: answers.kind, profile: answers.profile, profileSource: answers.profile ? '--aws-profile' : undefined, region: answers.region, table: answers.table, tags: answers.tags };
}

/** Whose account the policy's ARNs name, in one line. */
export function accountNote(checked: Checked, options: Options): string {
  if (checked.identity) return `ARNs name account ${checked.identity.account} (from STS).`;
  if (options.accountId) return `ARNs name account ${options.accountId} (--account-id).`;
  // No "pass --account-id": a flag is no answer the wizard, already running, can take.
  if (options.local) return 'Local demo: no AWS account, so the ARNs use * for the account.';
  return 'Account unknown (no STS call): the ARNs use * for the account.';
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The question before any change, e.g. "Create table t in eu-west-1 (account 1234…)?". */
export function confirmQuestion(checked: Checked, region: string | undefined): string {
  const changing = checked.plans.filter((p) => p.action !== 'none');
  const account = checked.identity ? ` (account ${checked.identity.account})` : '';
  if (changing.length > 1) {
    const verb = changing.every((p) => p.action === 'create') ? 'Create' : changing.every((p) => p.action === 'update') ? 'Update' : 'Create or update';
    return `${verb} ${count(changing.length, 'table', 'tables')} (${changing.map((p) => p.table).join(', ')}) in ${region}${account}?`;
  }
  const [p] = changing as [Plan];
  if (p.action === 'update') return `Apply ${count(p.changes.length, 'change', 'changes')} to table ${p.table} in ${region}${account}?`;
  return `Create table ${p.table} in ${region}${account}?`;
}

/** Tables that look like another kind: converging them needs `yes` typed out, not a single key. */
export function lookalikes(checked: Checked): Plan[] {
  return checked.plans.filter((p) => p.lookalike && p.action !== 'none');
}

/** The confirm's warning for such a table. */
export function lookalikeText(p: Plan): string {
  return lookalikeWarning(p.table, p.kind, p.lookalike ?? p.kind);
}

/** The apply screen's title. */
export function applyTitle(checked: Checked): string {
  const changing = checked.plans.filter((p) => p.action !== 'none');
  if (changing.length > 1) return `Applying ${count(changing.length, 'table', 'tables')}`;
  const [p] = changing;
  return p?.action === 'update' ? `Updating ${p.table}` : `Creating ${p?.table ?? ''}`;
}

/** The IAM screen's sections: each policy under a heading, with the sentence on where it goes. */
export function policySections(texts: PolicyTexts): { heading: string; note: string; json: string }[] {
  return POLICY_AUDIENCES.map((a) => ({ heading: `${a[0]?.toUpperCase()}${a.slice(1)} policy`, note: `${POLICY_FOR[a][0]?.toUpperCase()}${POLICY_FOR[a].slice(1)}.`, json: texts[a] }));
}

/** Where the policies were saved, in one line for the IAM screen. */
export function savedPoliciesText(saved: SavedPolicies): string {
  return POLICY_AUDIENCES.map((a) => saved[a]).join(' and ');
}

/** The file name the policy is saved under: the kind, or `all`. */
export function policyName(kind: KindChoice): string {
  return kind;
}

/** The headless command that prints the code `t`/`c` saves (no profile or endpoint: the code does not depend on who made it). */
export function codeCommand(state: WizardState, options: Options, format: CodeFormat): string {
  const { answers } = state;
  const args = headlessArgs({
    kind: answers.kind,
    table: answers.kind === 'all' ? undefined : tableName(answers),
    region: answers.region ?? '?',
    deletionProtection: options.deletionProtection,
    pitr: options.pitr,
    tags: answers.tags,
    kmsKey: options.kmsKey,
  });
  return printedCommand('sentinel-init', [...args, '--output', format]);
}

/** The headless command that does what this run did (or would have done), for the next time. */
export function commandFor(state: WizardState, options: Options): string {
  const { answers, checked } = state;
  return headlessCommand({
    kind: answers.kind,
    table: answers.kind === 'all' ? undefined : tableName(answers),
    region: answers.region ?? '?',
    profile: answers.profile,
    mfa: checked?.mfaAsked,
    endpointUrl: checked?.endpointUrl ?? options.endpointUrl,
    deletionProtection: options.deletionProtection,
    pitr: options.pitr,
    tags: answers.tags,
    kmsKey: options.kmsKey,
    timeoutMs: options.timeoutMs,
    local: options.local,
    allowUnknownRegion: options.allowUnknownRegion,
    // Headless refuses a table of another kind without it; the wizard asked for a typed yes instead.
    allowKindChange: checked !== undefined && lookalikes(checked).length > 0,
  });
}
