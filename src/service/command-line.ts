/** The headless command line equivalent to a wizard run, shown at the end so the next time can be scripted. */
import { shellQuote } from '../core/shell.js';
import type { KindChoice, KindName } from '../core/kinds.js';
import type { PolicyAudience } from '../core/policy-audience.js';
import type { RunContext } from './workflow.js';

/** The answers of a run (the account id is not a flag of apply), and how it got credentials. */
export type CommandLineInput = Omit<RunContext, 'accountId' | 'kind' | 'table'> & {
  kind: KindChoice;
  /** undefined for `all` (each table keeps its default name). */
  table?: string;
  /** The profile's role asked for an MFA code: headless needs --mfa-code too (a fresh code each run). */
  mfa?: boolean;
  /** A --local demo: its endpoint and profile are throwaway, so the command says --local instead. */
  local?: boolean;
};


/**
 * The offline command that prints the same IAM policies, e.g. `sentinel-init sessions --generate-iam --region r --table t --account-id 1`;
 * with `policy`, that one alone (`--generate-iam provisioning`).
 */
export function generateIamCommand(input: Pick<CommandLineInput, 'kind' | 'region' | 'table' | 'pitr' | 'kmsKey'> & { accountId?: string; policy?: PolicyAudience }): string {
  const args = ['sentinel-init', input.kind, '--generate-iam', ...(input.policy ? [input.policy] : []), '--region', input.region];
  if (input.table !== undefined) args.push('--table', input.table);
  if (input.accountId !== undefined) args.push('--account-id', input.accountId);
  if (input.pitr === false) args.push('--no-pitr');
  if (input.kmsKey !== undefined) args.push('--kms-key', input.kmsKey);
  return args.map(shellQuote).join(' ');
}

/** `verify KIND --clean` on the same target: removes the probe items verify runs left in the table. */
export function verifyCleanCommand(input: { kind: KindName; table: string; region: string; profile?: string; endpointUrl?: string }): string {
  const args = ['sentinel-init', 'verify', input.kind];
  if (input.profile !== undefined) args.push('--aws-profile', input.profile);
  if (input.endpointUrl) args.push('--endpoint-url', input.endpointUrl);
  args.push('--region', input.region, '--table', input.table, '--clean');
  return args.map(shellQuote).join(' ');
}

/** e.g. `sentinel-init sessions --aws-profile dev --region eu-west-1 --table sentinel-sessions --yes`. */
export function headlessCommand(input: CommandLineInput): string {
  return [...headlessArgs(input), '--yes'].map(shellQuote).join(' ');
}

/** The run's answers as arguments, without what it should do (--yes, --plan, --output ...). */
export function headlessArgs(input: CommandLineInput): string[] {
  const args = ['sentinel-init', input.kind];
  if (input.local) args.push('--local');
  else {
    if (input.profile !== undefined) args.push('--aws-profile', input.profile);
    // A placeholder, not the code used: without the flag the command stops at "Pass --mfa-code".
    if (input.mfa) args.push('--mfa-code', 'CODE');
    if (input.endpointUrl) args.push('--endpoint-url', input.endpointUrl);
  }
  args.push('--region', input.region);
  if (input.table !== undefined) args.push('--table', input.table);
  if (!input.deletionProtection) args.push('--no-deletion-protection');
  if (input.pitr === false) args.push('--no-pitr');
  for (const tag of input.tags ?? []) args.push('--tag', `${tag.key}=${tag.value}`);
  if (input.kmsKey !== undefined) args.push('--kms-key', input.kmsKey);
  return args;
}
