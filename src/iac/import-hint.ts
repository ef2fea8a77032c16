/**
 * What to do with code for tables that already exist, said once for both faces. Terraform: the
 * import block adopts the table. CloudFormation: a resource import, which adopts a table as it is
 * ("does not check that the template configuration matches the actual configuration") and may add
 * nothing but the resources it imports ("Import operations don't allow new resource creations"),
 * so the table is converged first, imported with a template of the tables alone, and the IAM
 * policy comes with the next stack update (AWS CloudFormation User Guide, resource-import.html).
 */
import type { IacFormat } from '../core/iac-output.js';
import { printedCommand } from '../core/shell.js';
import { logicalId } from './cloudformation.js';
import type { IacTable } from './tables.js';

export interface ImportSteps {
  /** The full template's file; default sentinel-<kind>.cfn.yaml, as saveIacFile names it. */
  templateFile?: string;
  /** The import template's file (renderCloudFormation with importOnly); default sentinel-<kind>-import.cfn.yaml. */
  importFile?: string;
  /**
   * The sentinel-init command that converges the tables (`… --yes`), run first when its plan still
   * has changes for one of them (`pending`): an import adopts a table as it is and changes nothing.
   */
  converge?: string;
  /** Commands to run next, as shown: writing the files not written yet. */
  before?: readonly string[];
  /** The aws CLI's --profile, when the run used one. */
  profile?: string;
  /** The stack to import into; default sentinel-<kind>, or sentinel-tables for several kinds. */
  stackName?: string;
}

function existing(tables: readonly IacTable[]): string {
  const names = tables.filter((t) => t.exists).map((t) => t.desired.name);
  return names.length === 1 ? `Table ${names[0]} exists` : `Tables ${names.join(', ')} exist`;
}

/** The step before the import when an existing table still lacks what the plan would change (none when none does). */
function convergeFirst(found: readonly IacTable[], converge: string | undefined): string[] {
  if (!found.some((t) => t.pending)) return [];
  if (converge) return [`  ${converge}    # first: an import adopts the table as it is`];
  return ['First run sentinel-init with the same answers and --yes: an import adopts the table as it is, without the changes its plan lists.'];
}

/** The lines to show when some of `tables` exist (none when none does). */
export function importHint(format: IacFormat, tables: readonly IacTable[], steps: ImportSteps = {}): string[] {
  const found = tables.filter((t) => t.exists);
  if (found.length === 0) return [];
  const region = found[0]?.region ?? '';
  if (format === 'terraform') {
    return [
      `${existing(tables)} in ${region}: the import block has Terraform adopt it instead of creating another.`,
      'Read terraform plan before apply: Terraform also removes what the code does not list, such as other indexes or tags.',
    ];
  }
  const stem = tables.length === 1 ? `sentinel-${tables[0]?.desired.kind}` : 'sentinel-tables';
  const stack = steps.stackName ?? stem;
  const templateFile = steps.templateFile ?? `${stem}.cfn.yaml`;
  const importFile = steps.importFile ?? `${stem}-import.cfn.yaml`;
  const aws = (...args: string[]) => `  ${printedCommand('aws', ['cloudformation', ...args], { region, profile: steps.profile })}`;
  const change = ['--stack-name', stack, '--change-set-name', `import-${stack}`];
  const resources = found.map((t) => ({ ResourceType: 'AWS::DynamoDB::Table', LogicalResourceId: logicalId(t, 'Table'), ResourceIdentifier: { TableName: t.desired.name } }));
  return [
    `${existing(tables)} in ${region}. To bring it into a CloudFormation stack instead of creating it: a resource import adopts the table as it is and may add nothing else, so the IAM policies come in a second step.`,
    ...convergeFirst(found, steps.converge),
    ...(steps.before ?? []).map((command) => `  ${command}`),
    aws('create-change-set', ...change, '--change-set-type', 'IMPORT', '--template-body', `file://${importFile}`, '--resources-to-import', JSON.stringify(resources)),
    aws('wait', 'change-set-create-complete', ...change),
    aws('execute-change-set', ...change),
    aws('wait', 'stack-import-complete', '--stack-name', stack),
    aws('deploy', '--stack-name', stack, '--template-file', templateFile, '--capabilities', 'CAPABILITY_IAM'),
  ];
}
