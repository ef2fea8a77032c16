/** The headless command line equivalent to a wizard run, shown at the end so the next time can be scripted. */
import type { KindName } from './kinds.js';

export interface CommandLineInput {
  kind: KindName;
  table: string;
  region: string;
  /** undefined: the default credential chain (no flag). */
  profile?: string;
  endpointUrl?: string;
  deletionProtection: boolean;
  /** A --local demo: its endpoint and profile are throwaway, so the command says --local instead. */
  local?: boolean;
}

/** Quotes one argument for POSIX shells, only when it needs it. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** e.g. `sentinel-init sessions --aws-profile dev --region eu-west-1 --table sentinel-sessions --yes`. */
export function headlessCommand(input: CommandLineInput): string {
  const args = ['sentinel-init', input.kind];
  if (input.local) args.push('--local');
  else {
    if (input.profile !== undefined) args.push('--aws-profile', input.profile);
    if (input.endpointUrl) args.push('--endpoint-url', input.endpointUrl);
  }
  args.push('--region', input.region, '--table', input.table);
  if (!input.deletionProtection) args.push('--no-deletion-protection');
  args.push('--yes');
  return args.map(shellQuote).join(' ');
}
