/**
 * --output: the table and its two IAM policies as Terraform or CloudFormation, on stdout or in
 * --output-file. It makes the check --plan makes (STS, KMS DescribeKey for --kms-key, DescribeTable)
 * to learn the key's ARN and whether the table exists, and changes nothing. Without credentials,
 * or without permission to read the table, it still writes the code, for a new table, and says
 * why; any other failure to reach AWS is exit 1, as for --plan.
 */
import type { Identity } from '../aws/types.js';
import type { IacOutput } from '../core/iac-output.js';
import { AwsFailure } from '../core/errors.js';
import type { Plan } from '../engine/types.js';
import { iacTableFromPlan, importHint, renderCloudFormation, renderTerraform, writeFileAtomic, type IacTable } from '../iac/index.js';
import { printedCommand } from '../core/shell.js';
import { headlessArgs, headlessCommand } from '../service/command-line.js';
import type { Options } from '../service/options.js';
import type { RunContext } from '../service/workflow.js';
import type { HeadlessIo } from './io.js';

const NAMES: Record<IacOutput, string> = { terraform: 'Terraform', cloudformation: 'CloudFormation', 'cloudformation-import': 'the CloudFormation import template' };

const command = (args: string[]) => printedCommand('sentinel-init', args);

/** The code for the run's tables; the import template only for tables that exist. */
function render(format: IacOutput, tables: readonly IacTable[], plans: readonly Plan[], options: Options, ctx: RunContext): string {
  // The header's command leaves out the profile and endpoint: the code does not depend on who printed it.
  const header = { version: __VERSION__, command: command([...headlessArgs({ ...ctx, kind: options.kind, table: options.kind === 'all' ? undefined : ctx.table, profile: undefined, endpointUrl: undefined }), '--output', format]) };
  if (format === 'terraform') return renderTerraform(tables, header);
  if (format === 'cloudformation') return renderCloudFormation(tables, header);
  const blind = plans.find((p) => !p.compared);
  if (blind) throw new AwsFailure(`Could not check whether table ${blind.table} exists, and an import template is for an existing table.`, blind.reason);
  const existing = tables.filter((t) => t.exists);
  if (existing.length === 0) throw new AwsFailure(`${plans.length === 1 ? `Table ${plans[0]?.table} does not exist` : 'None of the tables exists'} in ${plans[0]?.region}: there is nothing to import.`, 'Use --output cloudformation for the template that creates it.');
  return renderCloudFormation(existing, { ...header, importOnly: true });
}

/** The CloudFormation import steps for this run: every file named, every command runnable as shown. */
function cloudFormationSteps(format: IacOutput, tables: readonly IacTable[], plans: readonly Plan[], ctx: RunContext, options: Options): string[] {
  const input = { ...ctx, kind: options.kind, table: options.kind === 'all' ? undefined : ctx.table, mfa: options.mfaCode !== undefined };
  const args = headlessArgs(input);
  const stem = plans.length === 1 ? `sentinel-${plans[0]?.kind}` : 'sentinel-tables';
  const templateFile = format === 'cloudformation' && options.outputFile ? options.outputFile : `${stem}.cfn.yaml`;
  const importFile = format === 'cloudformation-import' && options.outputFile ? options.outputFile : `${stem}-import.cfn.yaml`;
  const before = [
    ...(templateFile === options.outputFile ? [] : [command([...args, '--output', 'cloudformation', '--output-file', templateFile])]),
    ...(importFile === options.outputFile ? [] : [command([...args, '--output', 'cloudformation-import', '--output-file', importFile])]),
  ];
  return importHint('cloudformation', tables, { templateFile, importFile, converge: headlessCommand(input), before, profile: ctx.profile });
}

/** Writes the code in `format` for the run's tables (one, or every kind for `all`); returns the exit code (0) or throws a CliError. */
export async function outputCode(format: IacOutput, plans: readonly Plan[], identity: Identity | undefined, ctx: RunContext, options: Options, io: HeadlessIo): Promise<number> {
  const tables = plans.map((p) => iacTableFromPlan(p, identity));
  const blind = plans.find((p) => !p.compared);
  if (blind && format !== 'cloudformation-import') io.stderr.write(`${`Could not check whether table ${blind.table} exists, so the code creates it. ${blind.reason ?? ''}`.trimEnd()}\n`);
  const text = render(format, tables, plans, options, ctx);
  const named = plans.length === 1 ? `table ${plans[0]?.table}` : `tables ${plans.map((p) => p.table).join(', ')}`;
  if (options.outputFile) {
    await writeFileAtomic(options.outputFile, text, options.force);
    io.stderr.write(`Wrote ${NAMES[format]} for ${named} to ${options.outputFile}.\n`);
  } else {
    io.stdout.write(text);
  }
  const hint = format === 'terraform' ? importHint('terraform', tables) : cloudFormationSteps(format, tables, plans, ctx, options);
  if (tables.some((t) => t.exists)) io.stderr.write(`${hint.join('\n')}\n`);
  return 0;
}

// One chunk for main's modules (src/cli/program-modules.ts).
export { programModules } from '../cli/program-modules.js';
