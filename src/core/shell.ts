/**
 * Command lines shown to people, to copy into a POSIX shell. Every command the tool prints is
 * written here: its words quoted, and for this tool the words that start it from where the person
 * is (`sentinel-init`, `npx sentinel-init` or `node dist/cli.js`, see src/cli/invocation.ts).
 */
import type { PolicyAudience } from './policy-audience.js';

/** Quotes one argument for POSIX shells, only when it needs it. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** The words that start this build; the entry sets how to find them (found lazily, once). */
let invocation: () => readonly string[] = () => ['sentinel-init'];

/** Sets how this build is started (the entry calls it; tests and the library keep `sentinel-init`). */
export function setInvocation(words: () => readonly string[]): void {
  let found: readonly string[] | undefined;
  invocation = () => (found ??= words());
}

/** The words that start this build, e.g. ['sentinel-init'] or ['node', 'dist/cli.js']. */
export function invocationWords(): readonly string[] {
  return invocation();
}

/** Where an `aws` command goes: the run's profile, and its region when the command takes one. */
export interface AwsWhere {
  profile?: string;
  region?: string;
}

/**
 * The one builder of printed commands: `sentinel-init` words get this build's invocation in front,
 * `aws` words the run's --region and --profile after; each word is quoted as the shell needs.
 */
export function printedCommand(program: 'sentinel-init' | 'aws', args: readonly string[], where: AwsWhere = {}): string {
  const words =
    program === 'aws'
      ? ['aws', ...args, ...(where.region ? ['--region', where.region] : []), ...(where.profile ? ['--profile', where.profile] : [])]
      : [...invocationWords(), ...args];
  return words.map(shellQuote).join(' ');
}

/** What the offline policy command needs: no profile or endpoint, it calls nothing. */
export interface GenerateIamTarget {
  kind?: string;
  region: string;
  table?: string;
  accountId?: string;
  pitr?: boolean;
  kmsKey?: string;
  /** One policy alone (`--generate-iam provisioning`); without it, both. */
  policy?: PolicyAudience;
}

/**
 * The offline command that prints the same IAM policies, e.g. `sentinel-init sessions --generate-iam --region r --table t --account-id 1`;
 * with `policy`, that one alone (`--generate-iam provisioning`).
 */
export function generateIamCommand(input: GenerateIamTarget): string {
  const args = [...(input.kind ? [input.kind] : []), '--generate-iam', ...(input.policy ? [input.policy] : []), '--region', input.region];
  if (input.table !== undefined) args.push('--table', input.table);
  if (input.accountId !== undefined) args.push('--account-id', input.accountId);
  if (input.pitr === false) args.push('--no-pitr');
  if (input.kmsKey !== undefined) args.push('--kms-key', input.kmsKey);
  return printedCommand('sentinel-init', args);
}
