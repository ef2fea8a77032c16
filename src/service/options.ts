/**
 * The one options type. Flags parse into it (src/cli-args.ts); the wizard fills what is missing;
 * the headless path checks it is complete and names the missing flag if not.
 */
import type { IacOutput } from '../core/iac-output.js';
import type { KindChoice, KindName } from '../core/kinds.js';
import type { PolicyAudience } from '../core/policy-audience.js';
import type { Tag } from '../core/tags.js';

export interface Options {
  /** provision (plan/apply, the default), verify (Sentinel's access patterns on an existing table), or doctor (a deployed Lambda TVM). */
  command: 'provision' | 'verify' | 'doctor';
  /** doctor --function: the deployed function, by name or ARN. */
  functionRef?: string;
  /** verify --clean: remove the probe items earlier verify runs left, instead of running the patterns. */
  clean?: boolean;
  /** --verify: run verify right after a successful apply. */
  verify: boolean;
  /** --debug: each AWS call in one line on stderr, and stacks on errors (as DEBUG=1). */
  debug?: boolean;
  /** --detailed-exitcode (with --plan): 0 nothing to do, 2 changes pending, 1 error. */
  detailedExitcode?: boolean;
  /** --allow-unknown-region: accept a region the installed SDK does not know (newer than this tool). */
  allowUnknownRegion?: boolean;
  /** --timeout: the apply's whole deadline in ms; undefined: the engine's default for the plan. */
  timeoutMs?: number;
  /** One kind, or `all` of them. */
  kind: KindChoice;
  /** Whether KIND was given on the command line (the wizard skips the kind step when it was). */
  kindGiven: boolean;
  table?: string;
  region?: string;
  /** Profile from the shared config/credentials files; undefined means the default chain. */
  profile?: string;
  /** Where `profile` came from, for error messages: the flag or AWS_PROFILE. */
  profileSource?: '--aws-profile' | 'AWS_PROFILE';
  plan: boolean;
  yes: boolean;
  generateIam: boolean;
  /** `--generate-iam provisioning|runtime`: that policy alone; undefined: both, in one object. */
  iamPolicy?: PolicyAudience;
  accountId?: string;
  mfaCode?: string;
  json: boolean;
  endpointUrl?: string;
  deletionProtection: boolean;
  /** Point-in-time recovery on (the default); --no-pitr leaves it as it is, never turns it off. */
  pitr: boolean;
  /** --tag KEY=VALUE, in order given (a later value of a key wins); the tool's own two come on top. */
  tags: Tag[];
  /** --kms-key as given: key ARN, alias ARN, alias/NAME or key ID; undefined: the AWS managed key. */
  kmsKey?: string;
  /** --output: print the table and its IAM policies as code; like --plan, nothing is changed. */
  output?: IacOutput;
  /** --output-file: write the code there (atomically) instead of to stdout. */
  outputFile?: string;
  /** --force: let --output-file replace an existing file. */
  force?: boolean;
  /** --allow-kind-change: converge a table whose indexes are another kind's (headless refuses it without). */
  allowKindChange?: boolean;
  local: boolean;
  /** --no-input or SENTINEL_INIT_NO_INPUT=1: never start the wizard; a missing answer fails naming its flag. */
  noInput?: boolean;
  help: boolean;
  /** `help TOPIC` or `TOPIC --help`: a command's or a kind's help instead of the main one. */
  helpTopic?: string;
  version: boolean;
}

/** Runs that never prompt: any of these flags (--no-input says just that), or stdin/stdout not a terminal. */
export function wantsHeadless(options: Options): boolean {
  return options.command !== 'provision' || options.noInput === true || options.yes || options.plan || options.generateIam || options.json || options.verify || options.output !== undefined;
}

/** The options of one table's run: `all` is split into one of these per kind. */
export type TableOptions = Options & { kind: KindName };
