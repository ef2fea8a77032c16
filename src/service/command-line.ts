/**
 * The commands of this tool printed for a person to run: the next time of a wizard run, "create it
 * first", "run it again", the import steps. Each carries the run's whole target (profile, MFA,
 * endpoint or --local, region, kind, table, and the flags that change the result), so pasted it
 * goes where the run went; src/core/shell.ts puts the invocation in front and quotes.
 */
import { generateIamCommand, printedCommand } from '../core/shell.js';
import type { KindChoice, KindName } from '../core/kinds.js';
import type { RunContext } from './workflow.js';

export { generateIamCommand };

/** The answers of a run (the account id is not a flag of apply), and how it got credentials. */
export type CommandLineInput = Omit<RunContext, 'accountId' | 'kind' | 'table' | 'deletionProtection'> & {
  kind: KindChoice;
  /** undefined for `all` (each table keeps its default name). */
  table?: string;
  deletionProtection?: boolean;
  /** The table looks like another kind's and the person meant it: headless needs --allow-kind-change. */
  allowKindChange?: boolean;
};

/** Where the run went: --local, or the profile, MFA and endpoint; then the region, table and --allow-unknown-region. */
export function targetArgs(input: CommandLineInput): string[] {
  const args: string[] = [];
  if (input.local) args.push('--local');
  else {
    if (input.profile !== undefined) args.push('--aws-profile', input.profile);
    // A placeholder, not the code used: without the flag the command stops at "Pass --mfa-code".
    if (input.mfa) args.push('--mfa-code', 'CODE');
    if (input.endpointUrl) args.push('--endpoint-url', input.endpointUrl);
  }
  args.push('--region', input.region);
  if (input.table !== undefined) args.push('--table', input.table);
  if (input.allowUnknownRegion) args.push('--allow-unknown-region');
  return args;
}

/** The run's answers as arguments after the KIND, without what it should do (--yes, --plan, --output ...). */
export function headlessArgs(input: CommandLineInput): string[] {
  const args = [input.kind, ...targetArgs(input)];
  if (input.deletionProtection === false) args.push('--no-deletion-protection');
  if (input.pitr === false) args.push('--no-pitr');
  for (const tag of input.tags ?? []) args.push('--tag', `${tag.key}=${tag.value}`);
  if (input.kmsKey !== undefined) args.push('--kms-key', input.kmsKey);
  if (input.timeoutMs !== undefined) args.push('--timeout', `${Math.ceil(input.timeoutMs / 1000)}s`);
  if (input.allowKindChange) args.push('--allow-kind-change');
  return args;
}

/** e.g. `sentinel-init sessions --aws-profile dev --region eu-west-1 --table sentinel-sessions --yes`; `then` replaces --yes. */
export function headlessCommand(input: CommandLineInput, then: readonly string[] = ['--yes']): string {
  return printedCommand('sentinel-init', [...headlessArgs(input), ...then]);
}

/** `verify KIND --clean` on the same target: removes the probe items verify runs left in the table. */
export function verifyCleanCommand(input: Omit<CommandLineInput, 'kind'> & { kind: KindName; table: string }): string {
  return printedCommand('sentinel-init', ['verify', input.kind, ...targetArgs(input), '--clean']);
}
