/** `help TOPIC` and `TOPIC --help`: a command's or a kind's help, plain data like the main help. */
import { UsageError } from '../core/errors.js';
import { KIND_NAMES, KINDS, isKindName } from '../core/kinds.js';
import { printedCommand } from '../core/shell.js';
import { SUBCOMMANDS, unknownWord } from './conventions.js';

const MORE = 'Every flag: sentinel-init --help\n';

const VERIFY = `Usage: sentinel-init verify [KIND] [flags]

Runs Sentinel's own reads and writes on an existing table (probe items,
removed after) and says which access pattern fails. Changes nothing else.

Flags:
  --table NAME            table name (default: the kind's)
  --region REGION         region; else AWS_REGION, AWS_DEFAULT_REGION, profile
  --aws-profile NAME      profile (alias --profile); else AWS_PROFILE
  --mfa-code CODE         MFA code for a profile whose role needs one
  --endpoint-url URL      DynamoDB endpoint, e.g. DynamoDB Local
  --timeout DURATION      give up waiting after this long, e.g. 5m
  --clean                 remove the probe items earlier verify runs left
  --json                  one JSON document on stdout
  --no-input              never prompt

Example:
  sentinel-init verify sessions --region eu-west-1
`;

const DOCTOR = `Usage: sentinel-init doctor --function NAME|ARN [flags]

Checks a deployed Lambda TVM: the tables its environment names, their kind,
and what its role may call. Reads only. Exit 0 all good, 1 findings (each
with its fix), 2 usage.

Flags:
  --function NAME|ARN     the deployed function (required)
  --region REGION         region; else AWS_REGION, AWS_DEFAULT_REGION, profile
  --aws-profile NAME      profile (alias --profile); else AWS_PROFILE
  --mfa-code CODE         MFA code for a profile whose role needs one
  --json                  one JSON document on stdout

Example:
  sentinel-init doctor --function sentinel-tvm --region eu-west-1
`;

const COMPLETION = `Usage: sentinel-init completion bash|zsh|fish

Prints a shell completion script: kinds, commands, flags, and the values of
--aws-profile (read from your AWS config when you press Tab), --region and
--output.

Install:
  bash   source <(sentinel-init completion bash)   # in ~/.bashrc
  zsh    source <(sentinel-init completion zsh)    # in ~/.zshrc, after compinit
  fish   sentinel-init completion fish \\
           > ~/.config/fish/completions/sentinel-init.fish
`;

function kindHelp(topic: string): string {
  const names = isKindName(topic) ? [topic] : KIND_NAMES;
  const what = isKindName(topic)
    ? `${topic}: ${KINDS[topic].description}.\nDefault table: ${KINDS[topic].defaultTable} (--table NAME for another).`
    : `all: every kind's table, each under its default name (no --table):\n${KIND_NAMES.map((k) => `  ${KINDS[k].defaultTable}`).join('\n')}\nOne plan, one policy, one apply; --json prints arrays.`;
  const k = names.length === 1 ? topic : 'all';
  return `Usage: sentinel-init ${k} [flags]

${what}

Examples:
  sentinel-init ${k} --region eu-west-1 --plan     # what would change
  sentinel-init ${k} --region eu-west-1 --yes      # apply
  sentinel-init ${k} --generate-iam                # IAM policies, offline
  sentinel-init ${k} --region eu-west-1 --output terraform
  sentinel-init verify ${k} --region eu-west-1
`;
}

/** The help for a topic (a KIND, all, verify, doctor, completion). */
export function topicHelp(topic: string): string {
  const body = topic === 'verify' ? VERIFY : topic === 'doctor' ? DOCTOR : topic === 'completion' ? COMPLETION : kindHelp(topic);
  return `${body}\n${MORE}`;
}

/** What `help TOPIC` and `TOPIC --help` can name. */
export function isHelpTopic(topic: string): boolean {
  return isKindName(topic) || topic === 'all' || (SUBCOMMANDS as readonly string[]).includes(topic);
}

/** `sentinel-init help [TOPIC]`: the topic, or undefined for the main help. Throws UsageError (exit 2) for an unknown one. */
export function helpTopicOf(rest: readonly string[]): string | undefined {
  // `help --help` is help too.
  const [topic, extra] = rest.filter((a) => a !== '--help' && a !== '-h');
  const usage = (message: string) => new UsageError(message, `Run ${printedCommand('sentinel-init', ['--help'])} for usage.`);
  if (extra !== undefined) throw usage(`help takes one topic (got "${topic}" and "${extra}").`);
  if (topic === undefined || topic === 'help') return undefined;
  if (isHelpTopic(topic)) return topic;
  const near = unknownWord(topic, true);
  throw near ? new UsageError(`No help for "${topic}". ${near.slice(near.indexOf('Did you mean'))}`) : usage(`No help for "${topic}": try a KIND, all, verify, doctor or completion.`);
}
