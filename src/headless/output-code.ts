/**
 * --output: the table and its IAM policy as Terraform or CloudFormation, on stdout or in
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
import { headlessArgs, headlessCommand, shellQuote } from '../service/command-line.js';
import type { Options } from '../service/options.js';
import type { RunContext } from '../service/workflow.js';
import type { HeadlessIo } from './io.js';

const NAMES: Record<IacOutput, string> = { terraform: 'Terraform', cloudformation: 'CloudFormation', 'cloudformation-import': 'the CloudFormation import template' };

const command = (args: string[]) => args.map(shellQuote).join(' ');

/** The code for the run's table; the import template only for a table that exists. */
function render(format: IacOutput, table: IacTable, plan: Plan, ctx: RunContext): string {
  // The header's command leaves out the profile and endpoint: the code does not depend on who printed it.
  const options = { version: __VERSION__, command: command([...headlessArgs({ ...ctx, profile: undefined, endpointUrl: undefined }), '--output', format]) };
  if (format === 'terraform') return renderTerraform([table], options);
  if (format === 'cloudformation') return renderCloudFormation([table], options);
  if (!plan.compared) throw new AwsFailure(`Could not check whether table ${plan.table} exists, and an import template is for an existing table.`, plan.reason);
  if (!table.exists) throw new AwsFailure(`Table ${plan.table} does not exist in ${plan.region}: there is nothing to import.`, 'Use --output cloudformation for the template that creates it.');
  return renderCloudFormation([table], { ...options, importOnly: true });
}

/** The CloudFormation import steps for this run: every file named, every command runnable as shown. */
function cloudFormationSteps(format: IacOutput, table: IacTable, plan: Plan, ctx: RunContext, options: Options): string[] {
  const args = headlessArgs({ ...ctx, mfa: options.mfaCode !== undefined });
  const stem = `sentinel-${plan.kind}`;
  const templateFile = format === 'cloudformation' && options.outputFile ? options.outputFile : `${stem}.cfn.yaml`;
  const importFile = format === 'cloudformation-import' && options.outputFile ? options.outputFile : `${stem}-import.cfn.yaml`;
  const before = [
    ...(plan.action === 'update' ? [`${headlessCommand({ ...ctx, mfa: options.mfaCode !== undefined })}    # first: an import adopts the table as it is`] : []),
    ...(templateFile === options.outputFile ? [] : [command([...args, '--output', 'cloudformation', '--output-file', templateFile])]),
    ...(importFile === options.outputFile ? [] : [command([...args, '--output', 'cloudformation-import', '--output-file', importFile])]),
  ];
  return importHint('cloudformation', [table], { templateFile, importFile, before, profile: ctx.profile });
}

/** Writes the code in `format`; returns the exit code (0) or throws a CliError. */
export async function outputCode(format: IacOutput, plan: Plan, identity: Identity | undefined, ctx: RunContext, options: Options, io: HeadlessIo): Promise<number> {
  const table = iacTableFromPlan(plan, identity);
  if (!plan.compared && format !== 'cloudformation-import') io.stderr.write(`${`Could not check whether table ${plan.table} exists, so the code creates it. ${plan.reason ?? ''}`.trimEnd()}\n`);
  const text = render(format, table, plan, ctx);
  if (options.outputFile) {
    await writeFileAtomic(options.outputFile, text, options.force);
    io.stderr.write(`Wrote ${NAMES[format]} for table ${plan.table} to ${options.outputFile}.\n`);
  } else {
    io.stdout.write(text);
  }
  const hint = format === 'terraform' ? importHint('terraform', [table]) : cloudFormationSteps(format, table, plan, ctx, options);
  if (table.exists) io.stderr.write(`${hint.join('\n')}\n`);
  return 0;
}
